using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using KenpoBot.Search.Tests.Support;
using Fields = KenpoBot.Search.Index.Fields;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace KenpoBot.Search.Tests.Index;

/// <summary><see cref="Bm25Ranking"/> must score exactly as Lucene's <see cref="BM25Similarity"/> over the real index.</summary>
public sealed class Bm25RankingTests(IndexFixture fixture) : IClassFixture<IndexFixture>
{
    public static TheoryData<string> Questions() =>
    [
        "第6期の特定保健指導のKPIは？",
        "返納金債権とは？",
        "後発医薬品の使用促進の取組は",
        "秋田支部の令和5年度のKPIの達成状況は？",
        "柔道整復施術療養費の照会業務の強化",
        "健康保険委員の役割を教えて",
        "限度額適用認定証の利用促進",
    ];

    [Theory]
    [MemberData(nameof(Questions))]
    public void Scores_AreLuceneBm25s_BitForBit(string question)
    {
        var query = new BooleanQuery();
        Add(query, Fields.Text, new JapaneseAnalyzer(), question, boost: 1.5f);
        Add(query, Fields.TextBigram, new CjkBigramAnalyzer(), question, boost: 0.7f);
        Add(query, Fields.Title, new JapaneseAnalyzer(), question, boost: 3f);
        var (expected, actual) = BothWays(query);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void PhraseScores_SumTheTermsIdf_AsLuceneDoes()
    {
        var phrase = new PhraseQuery { Slop = 2 };
        foreach (var term in TokenStreams.Terms(new JapaneseAnalyzer(), "特定保健指導の実施率")) phrase.Add(new Term(Fields.Text, term));
        var (expected, actual) = BothWays(phrase);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Explanation_AddsUpToTheScore()
    {
        fixture.Index.Use(searcher =>
        {
            var query = new TermQuery(new Term(Fields.Text, TokenStreams.Terms(new JapaneseAnalyzer(), "特定保健指導")[0]));
            var ranked = new IndexSearcher(searcher.IndexReader) { Similarity = new Bm25Ranking() };
            var top = ranked.Search(query, 3).ScoreDocs;
            Assert.NotEmpty(top);
            foreach (var hit in top)
            {
                var explanation = ranked.Explain(query, hit.Doc);
                Assert.InRange(Math.Abs(explanation.Value - hit.Score), 0, 1e-5 * hit.Score); // a product in another order
                Assert.Contains("idf(docFreq=", explanation.ToString(), StringComparison.Ordinal);
            }
            return 0;
        });
    }

    private (List<(int, float)> Expected, List<(int, float)> Actual) BothWays(Query query) => fixture.Index.Use(searcher =>
    {
        var reader = searcher.IndexReader;
        var lucene = new IndexSearcher(reader) { Similarity = new BM25Similarity() }.Search(query, 50).ScoreDocs;
        var ours = new IndexSearcher(reader) { Similarity = new Bm25Ranking() }.Search(query, 50).ScoreDocs;
        return (lucene.Select(d => (d.Doc, d.Score)).ToList(), ours.Select(d => (d.Doc, d.Score)).ToList());
    });

    private static void Add(BooleanQuery query, string field, Analyzer analyzer, string text, float boost)
    {
        foreach (var term in TokenStreams.Terms(analyzer, text).Distinct())
            query.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
    }
}
