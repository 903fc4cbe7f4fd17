using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using KenpoBot.Search.Tests.Support;
using Fields = KenpoBot.Search.Index.Fields;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace KenpoBot.Search.Tests.Index;

/// <summary>
/// Term queries of a <see cref="TermPostings"/> lease must rank and score exactly as Lucene's <see cref="TermQuery"/>, however
/// often their statistics and postings enumerators are reused, and also when read after their lease was returned.
/// </summary>
public sealed class TermPostingsTests(IndexFixture fixture) : IClassFixture<IndexFixture>
{
    private static readonly string[] Questions =
    [
        "後発医薬品の使用促進の取組は",
        "第6期の特定保健指導のKPIは？",
        "返納金債権とは？",
        "秋田支部の令和5年度のKPIの達成状況は？",
        "柔道整復施術療養費の照会業務の強化",
        "存在しない語ぴよぴよ",
    ];

    [Fact]
    public void LeasedQueries_ScoreAsTermQueries_BitForBit_AcrossReuse()
    {
        var postings = new TermPostings();
        // Three rounds over the same questions: the first looks terms up and makes enumerators, the later ones reuse both.
        for (var round = 0; round < 3; round++)
        {
            foreach (var question in Questions)
            {
                var (expected, actual) = BothWays(question, postings, 50);
                Assert.Equal(expected, actual);
                if (question != Questions[^1]) Assert.NotEmpty(expected);
            }
        }
        Assert.InRange(postings.TermCount, 10, 1000);
    }

    [Fact]
    public void AQueryReadAfterItsLeaseWasReturned_KeepsItsOwnPostings_WhileTheLeaseServesOtherSearches()
    {
        var postings = new TermPostings();
        fixture.Index.Use(searcher =>
        {
            var leaf = searcher.TopReaderContext.Leaves[0];
            var term = TokenStreams.Terms(new JapaneseAnalyzer(), "特定保健指導")[0];
            var expected = Read(new TermQuery(new Term(Fields.Text, term)).CreateWeight(searcher).GetScorer(leaf, null)!);
            Assert.NotEmpty(expected);

            Query kept;
            using (var lease = postings.Rent(searcher.TopReaderContext)) kept = lease.Query(Fields.Text, term);
            // Read after its search: its scorer must not take an enumerator that the lease hands to the next search.
            var scorer = kept.CreateWeight(searcher).GetScorer(leaf, null)!;
            using (postings.Rent(searcher.TopReaderContext)) { }
            using (var next = postings.Rent(searcher.TopReaderContext))
                Assert.NotEmpty(searcher.Search(Build("返納金債権の回収と柔道整復", next.Query), 5).ScoreDocs);

            Assert.Equal(expected, Read(scorer));
            var hits = searcher.Search(kept, 5).ScoreDocs;
            Assert.All(hits, hit => Assert.InRange(Math.Abs(searcher.Explain(kept, hit.Doc).Value - hit.Score), 0, 1e-5 * hit.Score));
            return 0;
        });

        static List<(int, int)> Read(Scorer scorer)
        {
            var docs = new List<(int, int)>();
            while (scorer.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) docs.Add((scorer.DocID, scorer.Freq));
            return docs;
        }
    }

    [Fact]
    public void TermsPastTheLimit_AreLookedUpPerSearch_AndScoreTheSame()
    {
        var limited = new TermPostings(maxTerms: 3);
        foreach (var question in Questions.Take(2))
        {
            var (expected, actual) = BothWays(question, limited, 20);
            Assert.Equal(expected, actual);
        }
        Assert.Equal(3, limited.TermCount);
    }

    /// <summary>The top hits of the question with Lucene's term queries, then with a lease's: (document, score) each.</summary>
    private (List<(int, float)> Expected, List<(int, float)> Actual) BothWays(string question, TermPostings postings, int top) =>
        fixture.Index.Use(searcher =>
        {
            var lucene = searcher.Search(Build(question, (field, text) => new TermQuery(new Term(field, text))), top).ScoreDocs;
            using var lease = postings.Rent(searcher.TopReaderContext);
            var ours = searcher.Search(Build(question, lease.Query), top).ScoreDocs;
            return (lucene.Select(d => (d.Doc, d.Score)).ToList(), ours.Select(d => (d.Doc, d.Score)).ToList());
        });

    /// <summary>A query in the searcher's shape: per field a boosted disjunction of the question's terms.</summary>
    private static BooleanQuery Build(string question, Func<string, string, Query> term)
    {
        var query = new BooleanQuery();
        Add(query, Fields.Title, new JapaneseAnalyzer(), question, 0.5f, term);
        Add(query, Fields.Text, new JapaneseAnalyzer(), question, 4f, term);
        Add(query, Fields.TextBigram, new CjkBigramAnalyzer(), question, 1f, term);
        return query;
    }

    private static void Add(BooleanQuery query, string field, Analyzer analyzer, string text, float boost, Func<string, string, Query> term)
    {
        var fieldQuery = new BooleanQuery(disableCoord: false) { Boost = boost };
        foreach (var t in TokenStreams.Terms(analyzer, text).Distinct()) fieldQuery.Add(term(field, t), Occur.SHOULD);
        if (fieldQuery.Clauses.Count > 0) query.Add(fieldQuery, Occur.SHOULD);
    }
}
