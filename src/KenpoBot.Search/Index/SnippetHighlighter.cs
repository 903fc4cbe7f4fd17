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
    internal const char Open = '\uE000';
    internal const char Close = '\uE001';
    private static readonly BoundaryScanner Scanner = new(20, ['\n', '。', '、', '，', ',', ' ', '　', '.', '!', '?', '！', '？']);

    /// <summary>Plain text and the same with the matched terms in **…**; with … where the text goes on.</summary>
    public static (string Plain, string Marked) Snippet(IReadOnlyList<string> terms, BodyTermVector body, string text)
    {
        var scratch = SnippetScratch.Current;
        return Frame(Fragment(terms, body, text, scratch), text, scratch);
    }

    /// <summary>The body's best window with its matches between the private-use marks; null when no term matches.</summary>
    internal static string? Fragment(IReadOnlyList<string> terms, BodyTermVector body, string text)
    {
        var fragment = Fragment(terms, body, text, SnippetScratch.Current);
        return fragment.IsEmpty ? null : fragment.ToString();
    }

    private static ReadOnlySpan<char> Fragment(IReadOnlyList<string> terms, BodyTermVector body, string text, SnippetScratch scratch)
    {
        var spans = BodyMatches.Find(body, terms, scratch);
        return SnippetWindow.Best(spans, Length) is { } window ? MarkedFragment.Write(text, window, spans, Scanner, scratch) : default;
    }

    /// <summary>The snippet pair of a fragment (empty: the start of the body), on one line, with … where the body goes on.</summary>
    private static (string Plain, string Marked) Frame(ReadOnlySpan<char> fragment, string text, SnippetScratch scratch)
    {
        ReadOnlySpan<char> raw;
        int start;
        if (fragment.IsEmpty)
        {
            // Matched by title or bigrams only: the start of the body.
            var end = Math.Min(text.Length, Length);
            if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
            fragment = raw = text.AsSpan(0, end);
            start = 0;
        }
        else
        {
            raw = WithoutMarks(fragment, scratch);
            // Where the window's text is first found: at the window, or earlier if the body repeats it.
            start = Math.Max(0, text.AsSpan().IndexOf(raw));
        }
        var before = start > 0 ? "…" : "";
        var after = start + raw.Length < text.Length ? "…" : "";
        return (OneLine.Of(before, raw, after, marks: false, scratch), OneLine.Of(before, fragment, after, marks: true, scratch));
    }

    /// <summary>The fragment without any private-use mark, the highlighter's or the text's own.</summary>
    private static ReadOnlySpan<char> WithoutMarks(ReadOnlySpan<char> fragment, SnippetScratch scratch)
    {
        var raw = scratch.Raw(fragment.Length).AsSpan();
        var length = 0;
        while (true)
        {
            var mark = fragment.IndexOfAny(Open, Close);
            var piece = mark < 0 ? fragment : fragment[..mark];
            piece.CopyTo(raw[length..]);
            length += piece.Length;
            if (mark < 0) return raw[..length];
            fragment = fragment[(mark + 1)..];
        }
    }
}
