using System.Text;
using KenpoBot.Search.Index;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.VectorHighlight;
using Fields = KenpoBot.Search.Index.Fields;

namespace KenpoBot.Search.Tests.Support;

/// <summary>
/// The oracle for snippets: Lucene's FastVectorHighlighter exactly as the searcher used it up to 82e69ee (no phrase highlighting,
/// field match, a simple frag list, fragments in score order of the body in memory, a simple boundary scanner, 160 characters).
/// </summary>
internal static class FastVectorSnippets
{
    private static readonly string[] OpenTags = ["\uE000"];
    private static readonly string[] CloseTags = ["\uE001"];
    private static readonly IBoundaryScanner Scanner = new SimpleBoundaryScanner(20, ['\n', '。', '、', '，', ',', ' ', '　', '.', '!', '?', '！', '？']);
    private static readonly FieldType TextOnly = new(TextField.TYPE_STORED);

    /// <summary>The best fragment of a document's body for the terms; null when none matches.</summary>
    public static string? Fragment(IEnumerable<string> terms, IndexReader reader, int doc, string text)
    {
        var highlighter = new FastVectorHighlighter(phraseHighlight: false, fieldMatch: true);
        var query = new BooleanQuery();
        foreach (var term in terms) query.Add(new TermQuery(new Term(Fields.Text, term)), Occur.SHOULD);
        return highlighter.GetBestFragment(highlighter.GetFieldQuery(query, reader), reader, doc, Fields.Text, 160, new SimpleFragListBuilder(),
            new KnownTextFragments(text), OpenTags, CloseTags, new DefaultEncoder());
    }

    /// <summary>The snippet pair the searcher made of the best fragment.</summary>
    public static (string Plain, string Marked) Snippet(IEnumerable<string> terms, IndexReader reader, int doc, string text) =>
        Frame(Fragment(terms, reader, doc, text), text);

    /// <summary>The snippet pair the searcher made of a fragment (its code as it was).</summary>
    public static (string Plain, string Marked) Frame(string? fragment, string text)
    {
        string raw;
        int start;
        if (string.IsNullOrEmpty(fragment))
        {
            var end = Math.Min(text.Length, 160);
            if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
            fragment = text[..end];
            raw = fragment;
            start = 0;
        }
        else
        {
            raw = fragment.Replace(OpenTags[0], "", StringComparison.Ordinal).Replace(CloseTags[0], "", StringComparison.Ordinal);
            start = Math.Max(0, text.IndexOf(raw, StringComparison.Ordinal));
        }
        var before = start > 0 ? "…" : "";
        var after = start + raw.Length < text.Length ? "…" : "";
        var marked = Collapse(fragment).Replace(OpenTags[0], "**", StringComparison.Ordinal).Replace(CloseTags[0], "**", StringComparison.Ordinal);
        return (before + Collapse(raw) + after, before + marked + after);
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                builder.Append(text[i]);
                continue;
            }
            var end = i + 1;
            while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            builder.Append(end - i > 1 || text[i] == '\n' ? ' ' : text[i]);
            i = end - 1;
        }
        return builder.ToString().Trim();
    }

    private sealed class KnownTextFragments(string text) : ScoreOrderFragmentsBuilder(OpenTags, CloseTags, Scanner)
    {
        protected override Field[] GetFields(IndexReader reader, int docId, string fieldName) => [new Field(fieldName, text, TextOnly)];
    }
}
