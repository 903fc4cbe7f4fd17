namespace KenpoBot.Search.Index.Snippets;

/// <summary>
/// The text of a window as Lucene's BaseFragmentsBuilder writes it for one stored value: the window's start moved back to a
/// boundary, its end moved on to one unless the text ends first, and each matched span between the marks.
/// </summary>
internal static class MarkedFragment
{
    /// <summary>The fragment, in the scratch's buffer until the thread's next snippet.</summary>
    public static ReadOnlySpan<char> Write(string text, SnippetWindow window, ReadOnlySpan<MatchSpan> spans, BoundaryScanner scanner, SnippetScratch scratch)
    {
        var end = text.Length < window.End ? text.Length : scanner.End(text, window.End);
        var start = scanner.Start(text, window.Start);
        // The same slices as Lucene's, so that offsets outside the text fail as they did there.
        var source = text.AsSpan(start, end - start);
        var fragment = scratch.Fragment(source.Length + 2 * window.Count).AsSpan();
        var length = 0;
        var done = 0;
        foreach (var span in spans.Slice(window.First, window.Count))
        {
            length += Copy(source.Slice(done, span.Start - start - done), fragment[length..]);
            fragment[length++] = SnippetHighlighter.Open;
            length += Copy(source.Slice(span.Start - start, span.End - span.Start), fragment[length..]);
            fragment[length++] = SnippetHighlighter.Close;
            done = span.End - start;
        }
        length += Copy(source[done..], fragment[length..]);
        return fragment[..length];
    }

    private static int Copy(ReadOnlySpan<char> piece, Span<char> into)
    {
        piece.CopyTo(into);
        return piece.Length;
    }
}
