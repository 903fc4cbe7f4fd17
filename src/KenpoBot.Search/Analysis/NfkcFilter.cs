using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// Normalises each term to Unicode NFKC: full-width digits and Latin letters become ASCII (３８．５％ → 38.5%),
/// half-width katakana becomes full-width (ｻｰﾊﾞｰ → サーバー), and compatibility forms unfold (① → 1, ㈱ → (株)).
/// Offsets are untouched; they still point at the original text.
/// </summary>
public sealed class NfkcFilter : TokenFilter
{
    private readonly ICharTermAttribute termAtt;

    public NfkcFilter(TokenStream input)
        : base(input)
    {
        termAtt = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var term = termAtt.Buffer.AsSpan(0, termAtt.Length);
        if (!Ascii.IsValid(term))
        {
            var original = term.ToString();
            if (!original.IsNormalized(NormalizationForm.FormKC))
            {
                termAtt.SetEmpty().Append(original.Normalize(NormalizationForm.FormKC));
            }
        }

        return true;
    }
}
