using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Search.Analysis;

/// <summary>Replaces an inflected token with its base form (走っ → 走る). Keyword tokens are left alone.</summary>
public sealed class JapaneseBaseFormFilter : TokenFilter
{
    private readonly ICharTermAttribute termAtt;
    private readonly IBaseFormAttribute baseFormAtt;
    private readonly IKeywordAttribute keywordAtt;

    public JapaneseBaseFormFilter(TokenStream input)
        : base(input)
    {
        termAtt = AddAttribute<ICharTermAttribute>();
        baseFormAtt = AddAttribute<IBaseFormAttribute>();
        keywordAtt = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (baseFormAtt.BaseForm is { } baseForm && !keywordAtt.IsKeyword)
        {
            termAtt.SetEmpty().Append(baseForm);
        }

        return true;
    }
}
