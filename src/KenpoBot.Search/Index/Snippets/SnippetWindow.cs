namespace KenpoBot.Search.Index.Snippets;

/// <summary>
/// The stretch of a body a snippet shows, [Start, End) before boundaries are sought, with the matched spans inside it
/// (<see cref="Count"/> of them from <see cref="First"/>).
/// </summary>
internal readonly record struct SnippetWindow(int Start, int End, int First, int Count)
{
    /// <summary>BaseFragListBuilder's margin: how far before a first match a window may start while its matches are gathered.</summary>
    private const int Margin = 6;

    /// <summary>
    /// The window Lucene's SimpleFragListBuilder and ScoreOrderFragmentsBuilder choose: windows are laid one after another over
    /// the spans, each centred on the spans it gathers; the one with the most spans wins (every span weighs the same), the
    /// earliest among equals. Null when there are no spans.
    /// </summary>
    public static SnippetWindow? Best(ReadOnlySpan<MatchSpan> spans, int length)
    {
        SnippetWindow? best = null;
        var taken = 0; // where the last window ended: no later window starts before it
        for (var i = 0; i < spans.Length;)
        {
            if (spans[i].Start < taken)
            {
                i++;
                continue;
            }
            var first = i;
            var start = spans[i].Start;
            var end = spans[i].End;
            var reach = Math.Max(end, Math.Max(start - Margin, taken) + length);
            for (i++; i < spans.Length && spans[i].End <= reach; i++) end = spans[i].End;
            var matched = end - start;
            var windowStart = Math.Max(start - Math.Max(0, (length - matched) / 2), taken);
            taken = windowStart + Math.Max(matched, length);
            if (best is null || i - first > best.Value.Count) best = new SnippetWindow(windowStart, taken, first, i - first);
        }
        return best;
    }
}
