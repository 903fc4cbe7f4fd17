using System.Buffers;

namespace KenpoBot.Search.Index.Snippets;

/// <summary>
/// Lucene's SimpleBoundaryScanner over a body as BaseFragmentsBuilder holds it: the text followed by one separator (a space),
/// which a window ending near the end of the text may end on.
/// </summary>
internal sealed class BoundaryScanner(int maxScan, char[] boundaries)
{
    private const char Separator = ' ';

    private readonly SearchValues<char> boundaries = SearchValues.Create(boundaries);

    /// <summary>Where a window starting at <paramref name="start"/> starts: after a boundary at most <c>maxScan</c> characters before, or at the text's start if that is as near.</summary>
    public int Start(string text, int start)
    {
        if (start > text.Length + 1 || start < 1) return start;
        var at = start;
        for (var scan = maxScan; at > 0 && scan > 0; at--, scan--)
        {
            if (IsBoundary(text, at - 1)) return at;
        }
        return at == 0 ? 0 : start;
    }

    /// <summary>Where a window ending at <paramref name="end"/> ends: at a boundary at most <c>maxScan</c> characters on, or where it was.</summary>
    public int End(string text, int end)
    {
        if (end > text.Length + 1 || end < 0) return end;
        var at = end;
        for (var scan = maxScan; at < text.Length + 1 && scan > 0; at++, scan--)
        {
            if (IsBoundary(text, at)) return at;
        }
        return end;
    }

    private bool IsBoundary(string text, int at) => boundaries.Contains(at < text.Length ? text[at] : Separator);
}
