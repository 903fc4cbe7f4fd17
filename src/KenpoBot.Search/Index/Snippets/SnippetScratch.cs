namespace KenpoBot.Search.Index.Snippets;

/// <summary>A thread's buffers for making snippets, grown as needed and kept: a snippet allocates only its two strings.</summary>
internal sealed class SnippetScratch
{
    [ThreadStatic]
    private static SnippetScratch? current;

    private TermOccurrence[] occurrences = new TermOccurrence[64];
    private MatchSpan[] spans = new MatchSpan[64];
    private char[] fragment = new char[512];
    private char[] raw = new char[512];
    private char[] line = new char[1024];

    public static SnippetScratch Current => current ??= new SnippetScratch();

    /// <summary>At least <paramref name="count"/> occurrences, keeping those already written.</summary>
    public TermOccurrence[] Occurrences(int count) => Grown(ref occurrences, count);

    /// <summary>At least <paramref name="count"/> spans, keeping those already written.</summary>
    public MatchSpan[] Spans(int count) => Grown(ref spans, count);

    /// <summary>Room for a marked fragment of <paramref name="count"/> characters.</summary>
    public char[] Fragment(int count) => Grown(ref fragment, count);

    /// <summary>Room for a fragment without its marks.</summary>
    public char[] Raw(int count) => Grown(ref raw, count);

    /// <summary>Room for a fragment on one line.</summary>
    public char[] Line(int count) => Grown(ref line, count);

    private static T[] Grown<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count) Array.Resize(ref buffer, Math.Max(count, buffer.Length * 2));
        return buffer;
    }
}
