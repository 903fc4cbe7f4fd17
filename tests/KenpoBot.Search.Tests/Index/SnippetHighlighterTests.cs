using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using KenpoBot.Search.Index.Snippets;
using KenpoBot.Search.Tests.Support;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Search;
using Fields = KenpoBot.Search.Index.Fields;

namespace KenpoBot.Search.Tests.Index;

/// <remarks>
/// Snippets were made by Lucene's FastVectorHighlighter until 82e69ee; they must stay exactly what it makes, which
/// <see cref="FastVectorSnippets"/> (the highlighter in that configuration) gives for every body and set of terms checked here.
/// </remarks>
public sealed class SnippetHighlighterTests(IndexFixture fixture, SnippetHighlighterTests.Bodies bodies) : IClassFixture<IndexFixture>, IClassFixture<SnippetHighlighterTests.Bodies>
{
    [Fact]
    public void Snippet_IsAWindowOfTheBody_MarkedWhereItMatches_WithEllipsesWhereTheBodyGoesOn()
    {
        var hits = fixture.Searcher.Search("特定保健指導の実施率", top: 5);
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            // About Length characters: the highlighter stretches a window to the boundary after its last match.
            Assert.InRange(hit.Snippet.Length, 1, SnippetHighlighter.Length * 3 / 2);
            Assert.Equal(hit.Snippet, hit.MarkedSnippet.Replace("**", "", StringComparison.Ordinal));
            var body = OneLine.Of("", hit.Entry.Text, "", marks: false, SnippetScratch.Current);
            Assert.Contains(hit.Snippet.Trim('…'), body, StringComparison.Ordinal);
            Assert.Equal(!body.StartsWith(hit.Snippet.TrimEnd('…'), StringComparison.Ordinal), hit.Snippet.StartsWith('…'));
        }
        Assert.Contains(hits, h => h.MarkedSnippet.Contains("**特定**", StringComparison.Ordinal) || h.MarkedSnippet.Contains("**実施**", StringComparison.Ordinal));
    }

    [Fact]
    public void Snippets_AreTheSame_WhenTheTermVectorsComeFromTheCache()
    {
        var first = fixture.Searcher.Search("後発医薬品の使用割合", top: 5).Select(h => h.MarkedSnippet).ToList();
        var second = fixture.Searcher.Search("後発医薬品の使用割合", top: 5).Select(h => h.MarkedSnippet).ToList();
        Assert.Equal(first, second);
    }

    public static TheoryData<string, string> SharedQuestions()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "questions.dev.tsv", "questions.dev2.tsv" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(IndexFixture.RepoRoot, "..", "shared", "eval", file)))
            {
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var cells = line.Split('\t');
                data.Add(cells[0], cells[1]);
            }
        }
        return data;
    }

    private static readonly SearchFilter?[] Filters =
        [null, new(Kind: EntryKind.Section), new(Kind: EntryKind.Kpi), new(Kind: EntryKind.Glossary)];

    [Theory]
    [MemberData(nameof(SharedQuestions))]
    public void Snippets_OfASharedQuestionsHits_AreFastVectorHighlightersOwn(string id, string question)
    {
        var terms = HighlightTerms(question);
        var hits = Filters.SelectMany(filter => fixture.Searcher.Search(question, filter, top: 10)).ToList();
        fixture.Index.Use(searcher =>
        {
            foreach (var hit in hits)
            {
                var expected = FastVectorSnippets.Snippet(terms, searcher.IndexReader, DocOf(searcher, hit.Entry), hit.Entry.Text);
                Assert.True(expected == (hit.Snippet, hit.MarkedSnippet), $"{id} {hit.Entry.Id}: {expected.Marked} / {hit.MarkedSnippet}");
            }
            return 0;
        });
        Assert.NotEmpty(hits);
    }

    [Theory]
    [MemberData(nameof(SharedQuestions))]
    public void Fragments_OfEveryEntry_ForASharedQuestionsTerms_AreFastVectorHighlightersOwn(string id, string question)
    {
        var terms = HighlightTerms(question);
        var matched = fixture.Index.Use((searcher, entries, vectors, _) => AssertSameFragments(searcher, entries, vectors, [terms]));
        Assert.True(matched > 0, id);
    }

    [Fact]
    public void Fragments_ForTermsTakenFromEveryEntry_AreFastVectorHighlightersOwn()
    {
        var random = new Random(20240601);
        fixture.Index.Use((searcher, entries, vectors, _) =>
        {
            for (var doc = 0; doc < searcher.IndexReader.MaxDoc; doc++)
            {
                // Some, many or all of the body's own terms: windows full of matches, competing windows, ties.
                var own = VectorTerms(searcher, doc);
                var picks = new[] { 1, 3, 10, own.Count }.Select(n => own.OrderBy(_ => random.Next()).Take(n).ToList()).ToList();
                AssertSameFragments(searcher, entries, vectors, picks, doc);
            }
            return 0;
        });
    }

    /// <summary>A made-up body (by name), a question, and whether any of its terms is in the body.</summary>
    public static TheoryData<string, string, bool> BodyCases() => new()
    {
        { "repeated", "保健指導", true },
        { "repeated without boundaries", "指導", true },
        { "at the start", "保健指導", true },
        { "at the end", "保健指導", true },
        { "at the end, then a boundary", "保健指導", true },
        { "shorter than a window", "保健指導の実施率", true },
        { "the whole body", "特定保健指導", true },
        { "among surrogate pairs", "保健指導", true },
        { "among surrogate pairs, shifted", "保健指導", true },
        { "surrogate pairs at the window's edges", "保健指導", true },
        { "surrogate pairs at the window's edges", "野家", true },
        { "at the start", "後発医薬品", false },
        { "at the start", "後発医薬品の保健", true },
        { "two competing stretches", "特定保健指導の実施率", true },
        { "private-use marks and white space", "保健指導の実施率", true },
        { "private-use marks and white space", "計画", true },
        { "private-use marks and white space", "後発医薬品", false },
    };

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void Fragment_OfAMadeUpBody_IsFastVectorHighlightersOwn(string body, string question, bool matches)
    {
        var terms = KnowledgeSearcher.Terms(new JapaneseAnalyzer(), Fields.Text, question);
        var doc = Bodies.JapaneseTexts.Keys.ToList().IndexOf(body);
        bodies.Japanese.Index.Use((searcher, entries, vectors, _) =>
        {
            var text = entries.Get(searcher, doc).Text;
            var expected = FastVectorSnippets.Fragment(terms, searcher.IndexReader, doc, text);
            Assert.Equal(matches, expected is not null);
            Assert.Equal(expected, SnippetHighlighter.Fragment(terms, vectors.Body(searcher, doc), text));
            Assert.Equal(FastVectorSnippets.Snippet(terms, searcher.IndexReader, doc, text), SnippetHighlighter.Snippet(terms, vectors.Body(searcher, doc), text));
            return 0;
        });
    }

    [Fact]
    public void Fragments_OfTermsAtTheSamePosition_WithOverlappingOrLongOffsets_AreFastVectorHighlightersOwn()
    {
        // Shingles: each word's position also holds the two- and three-word shingles starting there, which overlap the next words.
        var random = new Random(7);
        bodies.Shingled.Index.Use((searcher, entries, vectors, _) =>
        {
            for (var doc = 0; doc < searcher.IndexReader.MaxDoc; doc++)
            {
                var own = VectorTerms(searcher, doc);
                var picks = Enumerable.Range(0, 40).Select(i => own.Where(_ => random.Next(4) == 0).ToList()).Append(own).ToList();
                AssertSameFragments(searcher, entries, vectors, picks, doc);
            }
            return 0;
        });
    }

    /// <summary>Fragments and snippets of each set of terms in the body of <paramref name="only"/> or of every entry; how many matched.</summary>
    private static int AssertSameFragments(IndexSearcher searcher, StoredEntries entries, TermVectorCache vectors, IReadOnlyList<IReadOnlyList<string>> termSets, int? only = null)
    {
        var matched = 0;
        var docs = only is { } doc ? [doc] : Enumerable.Range(0, searcher.IndexReader.MaxDoc);
        foreach (var d in docs)
        {
            var text = entries.Get(searcher, d).Text;
            foreach (var terms in termSets)
            {
                var expected = FastVectorSnippets.Fragment(terms, searcher.IndexReader, d, text);
                var actual = SnippetHighlighter.Fragment(terms, vectors.Body(searcher, d), text);
                Assert.True(expected == actual, $"doc {d}, terms {string.Join(" ", terms)}:\n{expected}\n{actual}");
                Assert.Equal(FastVectorSnippets.Frame(expected, text), SnippetHighlighter.Snippet(terms, vectors.Body(searcher, d), text));
                if (expected is not null) matched++;
            }
        }
        return matched;
    }

    /// <summary>The terms the searcher highlights for a question: the question's, then its expansion's, analysed for the body.</summary>
    private List<string> HighlightTerms(string question)
    {
        var expanded = new QueryExpander(fixture.Knowledge.Glossary).Expand(question);
        var analyzer = new JapaneseAnalyzer();
        return KnowledgeSearcher.Terms(analyzer, Fields.Text, expanded.Question).Union(KnowledgeSearcher.Terms(analyzer, Fields.Text, expanded.Expansion)).ToList();
    }

    private static int DocOf(IndexSearcher searcher, SearchEntry entry)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Lucene.Net.Index.Term(Fields.Id, entry.Id)), Occur.MUST },
            { new TermQuery(new Lucene.Net.Index.Term(Fields.Kind, entry.Kind.ToString())), Occur.MUST },
        };
        return Assert.Single(searcher.Search(query, 2).ScoreDocs).Doc;
    }

    private static List<string> VectorTerms(IndexSearcher searcher, int doc)
    {
        var terms = new List<string>();
        var vector = searcher.IndexReader.GetTermVector(doc, Fields.Text);
        if (vector is null) return terms;
        var enumerator = vector.GetEnumerator();
        while (enumerator.MoveNext()) terms.Add(enumerator.Term.Utf8ToString());
        return terms;
    }

    /// <summary>Made-up bodies for the edge cases, in an index written with the real analyzer, and shingled ones.</summary>
    public sealed class Bodies : IDisposable
    {
        private static readonly string Filler = string.Concat(Enumerable.Repeat("データヘルス計画に基づく取組を進める。", 20));
        private static readonly string Fish = string.Concat(Enumerable.Repeat("𩸽", 100));

        public static IReadOnlyDictionary<string, string> JapaneseTexts { get; } = new Dictionary<string, string>
        {
            ["repeated"] = string.Concat(Enumerable.Repeat("特定保健指導の実施率。", 120)),
            ["repeated without boundaries"] = string.Concat(Enumerable.Repeat("保健指導", 300)),
            ["at the start"] = "保健指導" + Filler,
            ["at the end"] = Filler + "保健指導",
            ["at the end, then a boundary"] = Filler + "保健指導。",
            ["shorter than a window"] = "令和5年度の保健指導の実施率",
            ["the whole body"] = "特定保健指導",
            ["among surrogate pairs"] = Fish + "保健指導" + Fish,
            ["among surrogate pairs, shifted"] = "あ" + Fish + "保健指導" + Fish + "あ",
            ["surrogate pairs at the window's edges"] = "𠮷野家" + Fish[..150] + "保健指導" + Fish[..153] + "保健指導",
            ["two competing stretches"] = Filler[..200] + "特定保健指導" + Filler[..300] + "特定保健指導の実施率" + Filler,
            ["private-use marks and white space"] = "  \n保健指導\uE000の  実施率\n\n　保健 指導\uE001。\t" + Filler[..100] + "\uE000 保健指導 \n",
        };

        /// <summary>Bodies of words split by spaces: with punctuation and a line end, tokens longer than a window, many repeats.</summary>
        public static IReadOnlyList<string> ShingledTexts { get; } =
        [
            "a b c a b c d e a b",
            "a b c. d, e f g h\ni j k l m n o p q r s t u v w x y z a b c d",
            new string('x', 70) + " " + new string('y', 70) + " " + new string('z', 70) + " " + string.Join(" ", Enumerable.Repeat("w", 100)),
            string.Join(" ", Enumerable.Range(0, 300).Select(i => (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new string('v', 250) + " u",
            "  a  b \t c\n\nd \uE000 e\uE001f\u3000g\r\nh  ",
        ];

        public BodyIndex Japanese { get; } = new(IndexFixture.CreateAnalyzer(), [.. JapaneseTexts.Values]);

        public BodyIndex Shingled { get; } = new(new ShingleAnalyzerWrapper(new WhitespaceAnalyzer(JapaneseAnalyzer.MatchVersion), 2, 3), ShingledTexts);

        public void Dispose()
        {
            Japanese.Dispose();
            Shingled.Dispose();
        }
    }
}
