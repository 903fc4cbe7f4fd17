namespace KenpoBot.Search.Index.Snippets;

/// <summary>
/// Where query terms match a body, as Lucene's FieldTermStack and FieldPhraseList find it for a query of single terms (no phrases,
/// equal boosts): one span per matched token position, in position order, leaving out each that overlaps a span kept before it.
/// </summary>
internal static class BodyMatches
{
    /// <summary>The spans, in the scratch's buffer until the thread's next snippet.</summary>
    public static ReadOnlySpan<MatchSpan> Find(BodyTermVector body, IReadOnlyList<string> terms, SnippetScratch scratch)
    {
        var count = 0;
        for (var t = 0; t < terms.Count; t++)
        {
            var found = body.Occurrences(terms[t]);
            if (found.IsEmpty) continue;
            found.CopyTo(scratch.Occurrences(count + found.Length).AsSpan(count));
            count += found.Length;
        }
        if (count == 0) return default;

        // FieldTermStack's order: by position, then the vector's own order (its sort is stable over the vector's order).
        var occurrences = scratch.Occurrences(count).AsSpan(0, count);
        occurrences.Sort(static (a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order));
        var spans = scratch.Spans(count);
        var kept = 0;
        var end = 0;
        var ordered = true;
        for (var i = 0; i < count;)
        {
            var next = i + 1;
            while (next < count && occurrences[next].Position == occurrences[i].Position) next++;
            // One term per position: the first position's first term, and the last term of every later one, because
            // FieldPhraseList pushes back the term at which its look-up of a phrase's next term stopped.
            var chosen = occurrences[i == 0 ? i : next - 1];
            var span = new MatchSpan(chosen.Start, chosen.End);
            if (!OverlapsKept(spans.AsSpan(0, kept), span, end, ordered))
            {
                spans[kept++] = span;
                end = Math.Max(end, span.End);
                ordered &= span.Start < span.End;
            }
            i = next;
        }
        return spans.AsSpan(0, kept);
    }

    /// <summary>
    /// FieldPhraseList compares a span with every kept one. While no kept span is empty, a non-empty span starting at or after
    /// the end of all of them overlaps none: the usual case, which needs no comparison.
    /// </summary>
    private static bool OverlapsKept(ReadOnlySpan<MatchSpan> kept, MatchSpan span, int end, bool ordered)
    {
        if (ordered && span.Start >= end && span.Start < span.End) return false;
        foreach (var other in kept)
        {
            if (other.Overlaps(span)) return true;
        }
        return false;
    }
}
