using System.Text;

namespace KenpoBot.Search.Index.Snippets;

/// <summary>
/// The text of a window as Lucene's BaseFragmentsBuilder writes it for one stored value: the window's start moved back to a
/// boundary, its end moved on to one unless the text ends first, and each matched span between the tags.
/// </summary>
internal static class MarkedFragment
{
    public static string Write(string text, SnippetWindow window, ReadOnlySpan<MatchSpan> spans, BoundaryScanner scanner, string open, string close)
    {
        var end = text.Length < window.End ? text.Length : scanner.End(text, window.End);
        var start = scanner.Start(text, window.Start);
        // The same slices as Lucene's, so that offsets outside the text fail as they did there.
        var source = text.AsSpan(start, end - start);
        var fragment = new StringBuilder(source.Length + (open.Length + close.Length) * window.Count);
        var done = 0;
        foreach (var span in spans.Slice(window.First, window.Count))
        {
            fragment.Append(source.Slice(done, span.Start - start - done)).Append(open)
                .Append(source.Slice(span.Start - start, span.End - span.Start)).Append(close);
            done = span.End - start;
        }
        return fragment.Append(source[done..]).ToString();
    }
}
