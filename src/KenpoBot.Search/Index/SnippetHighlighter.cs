using System.Text;
using KenpoBot.Search.Index.Snippets;

namespace KenpoBot.Search.Index;

/// <summary>
/// Snippets of a hit's body from its term vector, without analysing the body again: the window of about <see cref="Length"/>
/// characters with the most matched terms, exactly as Lucene's FastVectorHighlighter made it (no phrase highlighting, a simple
/// frag list, fragments in score order, a simple boundary scanner) for a query of the analysed terms on the body.
/// </summary>
public static class SnippetHighlighter
{
    public const int Length = 160;

    // Private-use characters mark the matches, so that ** in the text itself is never taken for a mark.
    private const string Open = "\uE000";
    private const string Close = "\uE001";
    private static readonly BoundaryScanner Scanner = new(20, ['\n', '。', '、', '，', ',', ' ', '　', '.', '!', '?', '！', '？']);

    /// <summary>The body's best window with its matches between the private-use marks; null when no term matches.</summary>
    internal static string? Fragment(IReadOnlyList<string> terms, BodyTermVector body, string text)
    {
        var spans = BodyMatches.Find(body, terms, SnippetScratch.Current);
        return SnippetWindow.Best(spans, Length) is { } window ? MarkedFragment.Write(text, window, spans, Scanner, Open, Close) : null;
    }

    /// <summary>Plain text and the same with the matched terms in **…**; with … where the text goes on.</summary>
    public static (string Plain, string Marked) Snippet(IReadOnlyList<string> terms, BodyTermVector body, string text) =>
        Frame(Fragment(terms, body, text), text);

    /// <summary>The snippet pair of a fragment (null or empty: the start of the body), collapsed to one line.</summary>
    internal static (string Plain, string Marked) Frame(string? fragment, string text)
    {
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
