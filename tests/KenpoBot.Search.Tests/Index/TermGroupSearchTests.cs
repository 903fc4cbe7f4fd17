using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using KenpoBot.Search.Tests.Support;
using Fields = KenpoBot.Search.Index.Fields;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace KenpoBot.Search.Tests.Index;

/// <summary>
/// <see cref="TermGroupSearch"/> must rank and score exactly as Lucene scores the same query built of its own
/// <see cref="BooleanQuery"/>, <see cref="TermQuery"/> and <see cref="FilteredQuery"/>, collected in document order as the
/// searcher collected before: the same documents in the same order with bit-identical scores.
/// </summary>
public sealed class TermGroupSearchTests(IndexFixture fixture) : IClassFixture<IndexFixture>
{
    private static readonly string[] Filtered =
    [
        "後発医薬品の使用促進の取組は",
        "第6期の特定保健指導のKPIは？",
        "返納金債権とは？",
        "秋田支部の令和5年度のKPIの達成状況は？",
        "存在しない語ぴよぴよ",
    ];

    /// <summary>Every shared question, as the searcher's four analysed groups plus scope, id and year groups.</summary>
    public static TheoryData<string> SharedQuestions()
    {
        var data = new TheoryData<string>();
        foreach (var file in new[] { "questions.dev.tsv", "questions.dev2.tsv" })
        {
            foreach (var line in File.ReadLines(Path.Combine(IndexFixture.RepoRoot, "..", "shared", "eval", file)))
            {
                if (line.StartsWith('#') || line.Split('\t') is not [_, var question, ..]) continue;
                data.Add(question);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedQuestions))]
    public void SharedQuestion_RanksAndScoresAsLucene_BitForBit(string question)
    {
        var groups = Groups(question);
        var (expected, actual) = fixture.Index.Use(searcher => BothWays(searcher, new TermPostings(), groups, [], 50));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RequiredTerms_FilterAsFilteredQuery_AndTermsAreReused()
    {
        var postings = new TermPostings();
        (string, string)[][] filters =
        [
            [(Fields.Kind, "Kpi")],
            [(Fields.Kind, "Section"), (Fields.FiscalYear, "2023")],
            [(Fields.Scope, "秋田")],
            [(Fields.Kind, "Kpi"), (Fields.Scope, "存在しない支部")],
        ];
        fixture.Index.Use(searcher =>
        {
            // Two rounds: the first reads and keeps the terms, the second reads them from what was kept.
            for (var round = 0; round < 2; round++)
            {
                foreach (var question in Filtered)
                {
                    foreach (var filter in filters)
                    {
                        var (expected, actual) = BothWays(searcher, postings, Groups(question), filter, 20);
                        Assert.Equal(expected, actual);
                        if (question == Filtered[0] && filter.Length == 1 && filter[0].Item1 == Fields.Kind) Assert.NotEmpty(expected);
                        if (filter[^1].Item2 == "存在しない支部") Assert.Empty(actual);
                    }
                }
            }
            return 0;
        });
        Assert.InRange(postings.TermCount, 10, 2000);
    }

    [Fact]
    public void TermsPastEitherLimit_AreReadPerSearch_AndScoreTheSame()
    {
        var byTerms = new TermPostings(maxTerms: 3);
        var byPostings = new TermPostings(maxPostings: 10);
        fixture.Index.Use(searcher =>
        {
            foreach (var question in Filtered.Take(2))
            {
                var groups = Groups(question);
                var (expected, actual) = BothWays(searcher, byTerms, groups, [], 20);
                Assert.Equal(expected, actual);
                Assert.Equal(expected, BothWays(searcher, byPostings, groups, [], 20).Actual);
            }
            return 0;
        });
        Assert.Equal(3, byTerms.TermCount);
        Assert.InRange(byPostings.TermCount, 0, 10);
    }

    [Fact]
    public void SeveralSegments_WithDeletedDocuments_RankAsLucene()
    {
        using var directory = new RAMDirectory();
        var config = new IndexWriterConfig(JapaneseAnalyzer.MatchVersion, new WhitespaceAnalyzer(JapaneseAnalyzer.MatchVersion))
        {
            Similarity = KnowledgeIndex.Ranking,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            string[] bodies = ["a b c", "a a d", "b e", "c c c a", "d e f", "a f", "e e b", "a b c d e f", "f", "b b b b"];
            for (var i = 0; i < 30; i++)
            {
                writer.AddDocument([new StringField("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES),
                    new StringField("kind", i % 3 == 0 ? "x" : "y", Field.Store.NO), new TextField("body", bodies[i % bodies.Length], Field.Store.NO)]);
                if (i % 7 == 6) writer.Commit(); // a new segment
            }
            writer.DeleteDocuments(new Term("id", "4"), new Term("id", "17"), new Term("id", "21"));
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = KnowledgeIndex.Ranking };
        Assert.True(reader.Leaves.Count > 1);
        Assert.True(reader.HasDeletions);
        List<(string, string[], float)> groups = [("body", ["a", "b", "zz"], 2f), ("body", ["f"], 0.5f), ("id", ["3", "4", "17"], 1f)];
        var postings = new TermPostings();
        var (expected, actual) = BothWays(searcher, postings, groups, [], 100);
        Assert.Equal(expected, actual);
        Assert.DoesNotContain(expected, hit => hit.Doc is 4 or 17 or 21);
        (expected, actual) = BothWays(searcher, postings, groups, [("kind", "x")], 5);
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void KeptTerms_BelongToOneReader()
    {
        var postings = new TermPostings();
        fixture.Index.Use(searcher => postings.Term(searcher, Fields.Text, "特定"));
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(JapaneseAnalyzer.MatchVersion, new WhitespaceAnalyzer(JapaneseAnalyzer.MatchVersion))))
            writer.AddDocument([new TextField("body", "a", Field.Store.NO)]);
        using var other = DirectoryReader.Open(directory);
        Assert.Throws<InvalidOperationException>(() => postings.Term(new IndexSearcher(other), "body", "a"));
    }

    /// <summary>The searcher's groups for the question: both analyzers over title and body, and the expansion's scopes, ids and years.</summary>
    private List<(string Field, string[] Terms, float Boost)> Groups(string question)
    {
        var expanded = new QueryExpander(fixture.Knowledge.Glossary).Expand(question);
        var japanese = KnowledgeSearcher.Terms(new JapaneseAnalyzer(), Fields.Text, expanded.Question).ToArray();
        var bigram = KnowledgeSearcher.Terms(new CjkBigramAnalyzer(), Fields.TextBigram, expanded.Question).ToArray();
        var extra = KnowledgeSearcher.Terms(new JapaneseAnalyzer(), Fields.Text, expanded.Expansion).Except(japanese).ToArray();
        return
        [
            (Fields.Title, japanese, 0.5f),
            (Fields.Text, japanese, 4f),
            (Fields.TitleBigram, bigram, 0.3f),
            (Fields.TextBigram, bigram, 1f),
            (Fields.Text, extra, 4f * 0.35f),
            (Fields.Scope, [.. expanded.Scopes], 2f),
            (Fields.Id, [.. expanded.Terms], 3f),
            (Fields.FiscalYear, [.. expanded.FiscalYears.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))], 1.5f),
        ];
    }

    /// <summary>(document, score) of the top hits with Lucene's queries and scorers, then with <see cref="TermGroupSearch"/>.</summary>
    private static (List<(int Doc, float Score)> Expected, List<(int Doc, float Score)> Actual) BothWays(
        IndexSearcher searcher, TermPostings postings, IEnumerable<(string Field, string[] Terms, float Boost)> groups,
        (string Field, string Value)[] required, int top)
    {
        var query = new BooleanQuery();
        var ours = new TermGroupSearch();
        foreach (var (field, terms, boost) in groups)
        {
            ours.Should(field, terms, boost);
            if (terms.Length == 0) continue;
            var group = new BooleanQuery(disableCoord: false) { Boost = boost };
            foreach (var term in terms) group.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
            query.Add(group, Occur.SHOULD);
        }
        Query lucene = query;
        if (required.Length > 0)
        {
            var filter = new BooleanQuery();
            foreach (var (field, value) in required)
            {
                filter.Add(new TermQuery(new Term(field, value)), Occur.MUST);
                ours.Require(field, value);
            }
            lucene = new FilteredQuery(query, new QueryWrapperFilter(filter));
        }
        var collector = TopScoreDocCollector.Create(top, docsScoredInOrder: true);
        searcher.Search(lucene, collector);
        return ([.. collector.GetTopDocs().ScoreDocs.Select(d => (d.Doc, d.Score))], [.. ours.Top(searcher, postings, top).Select(d => (d.Doc, d.Score))]);
    }
}
