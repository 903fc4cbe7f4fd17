using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// Drops one trailing long-vowel mark from katakana terms of at least <see cref="DefaultMinimumLength"/> chars,
/// so サーバー and サーバ match while short words such as コピー keep theirs. Only full-width katakana
/// (U+30A0–U+30FF) counts; half-width forms are normalised by <see cref="NfkcFilter"/> first. Keyword tokens are
/// left alone.
/// </summary>
public sealed class JapaneseKatakanaStemFilter : TokenFilter
{
    public const int DefaultMinimumLength = 4;

    private const char LongVowelMark = 'ー';

    private readonly int minimumLength;
    private readonly ICharTermAttribute termAtt;
    private readonly IKeywordAttribute keywordAtt;

    public JapaneseKatakanaStemFilter(TokenStream input, int minimumLength = DefaultMinimumLength)
        : base(input)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLength, 1);
        this.minimumLength = minimumLength;
        termAtt = AddAttribute<ICharTermAttribute>();
        keywordAtt = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (!keywordAtt.IsKeyword)
        {
            var term = termAtt.Buffer.AsSpan(0, termAtt.Length);
            if (term.Length >= minimumLength && term[^1] == LongVowelMark && IsKatakana(term))
            {
                termAtt.Length = term.Length - 1;
            }
        }

        return true;
    }

    private static bool IsKatakana(ReadOnlySpan<char> term)
    {
        foreach (var c in term)
        {
            if (c is < '\u30A0' or > '\u30FF')
            {
                return false;
            }
        }

        return true;
    }
}
