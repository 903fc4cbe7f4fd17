namespace KenpoBot.Search.Index.Snippets;

/// <summary>Text as a snippet shows it, on one line: a line end becomes a space, a run of white space one space, none at either end.</summary>
internal static class OneLine
{
    /// <summary>
    /// <paramref name="before"/>, the text on one line, and <paramref name="after"/>; with <paramref name="marks"/>, each private-use
    /// mark (<see cref="SnippetHighlighter.Open"/>, <see cref="SnippetHighlighter.Close"/>, whether the highlighter's or the text's
    /// own) written as **.
    /// </summary>
    public static string Of(string before, ReadOnlySpan<char> text, string after, bool marks, SnippetScratch scratch)
    {
        var line = scratch.Line(2 * text.Length);
        var length = 0;
        var run = 0;
        var single = ' ';
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                run++;
                single = c;
                continue;
            }
            // A run between two other characters: kept if it is one character other than a line end. Runs at either end go.
            if (run > 0 && length > 0) line[length++] = run > 1 || single == '\n' ? ' ' : single;
            run = 0;
            if (marks && c is SnippetHighlighter.Open or SnippetHighlighter.Close)
            {
                line[length++] = '*';
                line[length++] = '*';
            }
            else
            {
                line[length++] = c;
            }
        }
        return string.Concat(before, line.AsSpan(0, length), after);
    }
}
