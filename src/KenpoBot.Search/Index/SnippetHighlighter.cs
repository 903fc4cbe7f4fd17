using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.VectorHighlight;

namespace KenpoBot.Search.Index;

/// <summary>
/// Snippets of a hit's body from its term vectors (Lucene's FastVectorHighlighter): the window of about
/// <see cref="Length"/> characters with the most matched terms, without analysing the body again.
/// </summary>
public sealed class SnippetHighlighter
{
    public const int Length = 160;

    // Private-use characters mark the matches, so that ** in the text itself is never taken for a mark.
    private const string Open = "\uE000";
    private const string Close = "\uE001";
    private static readonly string[] OpenTags = [Open];
    private static readonly string[] CloseTags = [Close];
    private static readonly char[] Boundaries = ['\n', '。', '、', '，', ',', ' ', '　', '.', '!', '?', '！', '？'];

    private readonly FastVectorHighlighter highlighter = new(phraseHighlight: false, fieldMatch: true);
    private readonly IFragListBuilder fragLists = new SimpleFragListBuilder();
    private static readonly IBoundaryScanner Scanner = new SimpleBoundaryScanner(20, Boundaries);
    private readonly IEncoder encoder = new DefaultEncoder();

    /// <summary>The highlighting query for one search: the analysed terms of the body field.</summary>
    public FieldQuery Query(IReadOnlyCollection<string> terms, IndexReader reader)
    {
        var query = new BooleanQuery();
        foreach (var term in terms) query.Add(new TermQuery(new Term(Fields.Text, term)), Occur.SHOULD);
        return highlighter.GetFieldQuery(query, reader);
    }

    /// <summary>Plain text and the same with the matched terms in **…**; with … where the text goes on.</summary>
    public (string Plain, string Marked) Snippet(FieldQuery query, IndexReader reader, int doc, string text)
    {
        var fragment = query is null ? null
            : highlighter.GetBestFragment(query, reader, doc, Fields.Text, Length, fragLists, new KnownTextFragments(text), OpenTags, CloseTags, encoder);
        string raw;
        int start;
        if (string.IsNullOrEmpty(fragment))
        {
            // Matched by title or bigrams only: the start of the body.
            var end = Math.Min(text.Length, Length);
            if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
            fragment = text[..end];
            raw = fragment;
            start = 0;
        }
        else
        {
            raw = fragment.Replace(Open, "", StringComparison.Ordinal).Replace(Close, "", StringComparison.Ordinal);
            start = Math.Max(0, text.IndexOf(raw, StringComparison.Ordinal));
        }
        var before = start > 0 ? "…" : "";
        var after = start + raw.Length < text.Length ? "…" : "";
        var marked = Collapse(fragment).Replace(Open, "**", StringComparison.Ordinal).Replace(Close, "**", StringComparison.Ordinal);
        return (before + Collapse(raw) + after, before + marked + after);
    }

    /// <summary>Fragments of a body already in memory: the stored field is not read and decompressed again.</summary>
    private sealed class KnownTextFragments(string text) : ScoreOrderFragmentsBuilder(OpenTags, CloseTags, Scanner)
    {
        protected override Field[] GetFields(IndexReader reader, int docId, string fieldName) =>
            [new Field(fieldName, text, TextOnly)];
    }

    private static readonly FieldType TextOnly = new(TextField.TYPE_STORED);

    /// <summary>One line: a line end becomes a space, a run of white space one space; trimmed.</summary>
    internal static string Collapse(string text)
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
}
