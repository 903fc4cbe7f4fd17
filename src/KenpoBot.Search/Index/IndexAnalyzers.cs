using KenpoBot.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;

namespace KenpoBot.Search.Index;

/// <summary>The analyzer the index is written with: MeCab for the main fields, CJK bigrams for the sub-fields.</summary>
public static class IndexAnalyzers
{
    public static Analyzer Create()
    {
        var bigram = new CjkBigramAnalyzer();
        return new PerFieldAnalyzerWrapper(new JapaneseAnalyzer(), new Dictionary<string, Analyzer>
        {
            [Fields.TitleBigram] = bigram,
            [Fields.TextBigram] = bigram,
        });
    }
}
