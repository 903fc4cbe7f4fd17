using KenpoBot.Search.Index;

namespace KenpoBot.Search.Tests.Index;

public sealed class SnippetHighlighterTests(IndexFixture fixture) : IClassFixture<IndexFixture>
{
    [Theory]
    [InlineData("a\nb", "a b")]
    [InlineData("a  \n b", "a b")]
    [InlineData(" a　b ", "a　b")]
    [InlineData("a\t\tb", "a b")]
    public void Collapse_MakesOneLine(string text, string expected)
    {
        Assert.Equal(expected, SnippetHighlighter.Collapse(text));
    }

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
            var body = SnippetHighlighter.Collapse(hit.Entry.Text);
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

    [Fact]
    public void HighlightReader_DocFreq_IsTheIndexs_AskedOnceOrTwice()
    {
        // The highlighter weighs terms by document frequency; the highlighting reader keeps them. Same numbers as the index's own.
        var terms = new[] { "特定", "保健", "指導", "実施", "どこにもない語" }.Select(t => new Lucene.Net.Index.Term(Fields.Text, t)).ToList();
        fixture.Index.Use((searcher, _, vectors, _) =>
        {
            var reader = vectors.Reader(searcher);
            foreach (var term in terms)
            {
                var expected = searcher.IndexReader.DocFreq(term);
                Assert.Equal(expected, reader.DocFreq(term));
                Assert.Equal(expected, reader.DocFreq(term)); // from the kept value
            }
            Assert.Contains(terms, t => searcher.IndexReader.DocFreq(t) > 0);
            Assert.Equal(0, reader.DocFreq(terms[^1]));
            return 0;
        });
    }
}
