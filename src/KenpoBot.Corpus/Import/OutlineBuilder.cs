namespace KenpoBot.Corpus.Import;

/// <summary>
/// Splits the cleaned lines into sections: recognises the headings (not the table of contents, not the cells of a table),
/// gives them their level in the document's hierarchy and an anchor.
/// </summary>
public static class OutlineBuilder
{
    private sealed record Item(SourceLine Line, HeadingCandidate? Heading);

    public static List<DraftSection> Build(IReadOnlyList<SourceLine> lines, string title, ImportReport report)
    {
        var items = MoveInterruptingHeadings(Classify(lines, report));
        var sections = new List<DraftSection>();
        var body = new List<SourceLine>();
        var ranks = new Stack<int>();
        var counters = new int[7];
        (int Level, string Heading, string Anchor, HeadingMarker? Marker, int Line) current = (1, title, "top", null, 1);
        foreach (var item in items)
        {
            if (item.Heading is not { } heading)
            {
                body.Add(item.Line);
                continue;
            }
            sections.Add(new DraftSection(current.Level, current.Heading, current.Anchor, current.Marker, current.Line, body));
            body = [];
            while (ranks.Count > 0 && (heading.TopLevel || ranks.Peek() >= (int)heading.Marker)) ranks.Pop();
            ranks.Push((int)heading.Marker);
            var level = Math.Min(ranks.Count + 1, 6);
            counters[level]++;
            Array.Clear(counters, level + 1, counters.Length - level - 1);
            var anchor = "s" + string.Join("-", counters[2..(level + 1)]);
            current = (level, heading.Text, anchor, heading.Marker, item.Line.Number);
        }
        sections.Add(new DraftSection(current.Level, current.Heading, current.Anchor, current.Marker, current.Line, body));
        report.Headings = sections.Count;
        return sections;
    }

    private static List<Item> Classify(IReadOnlyList<SourceLine> lines, ImportReport report)
    {
        var items = new List<Item>();
        var inTable = false;
        var contentsSeen = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (IsContentsEntry(lines, i))
            {
                if (!contentsSeen) items.Add(new Item(line, new HeadingCandidate(HeadingMarker.Chapter, "目次")));
                contentsSeen = true;
                report.TableOfContentsLines++;
                items.Add(new Item(line, null));
                continue;
            }
            var heading = HeadingRecognizer.Recognize(line.Text);
            if (heading is { Text: "目次" } && contentsSeen) continue;
            if (LineCleaner.IsTableHeader(line.Text)) inTable = true;
            if (heading is { Marker: HeadingMarker.Mark } && !ProseFollows(lines, i, heading.Text)) heading = null;
            // A chapter ends a table; so does a glossary term (〇 with its definition), which no table cell has.
            if (heading is { Marker: <= HeadingMarker.Chapter or HeadingMarker.Mark }) inTable = false;
            if (heading is null && !inTable && StandsAlone(lines, i)) heading = HeadingRecognizer.RecognizeStandalone(line.Text);
            if (inTable && heading is { Marker: >= HeadingMarker.Item }) heading = null;
            // Cells scattered over lines cannot be put back into rows: they stay as text, and the curator is told where.
            if (inTable && heading is null && line.Text.Length > 0 && !line.Text.Contains('\t')) report.AddUnplaced(line.Number, "表の行（本文に残しました）: " + line.Text);
            items.Add(new Item(line, heading));
        }
        return items;
    }

    /// <summary>「Ⅰ.健全な財政運営 4」, or a heading printed just above such an entry (「1.基盤的保険者機能の盤石化」 in the 目次).</summary>
    private static bool IsContentsEntry(IReadOnlyList<SourceLine> lines, int i)
    {
        static bool WithPage(string text) =>
            HeadingRecognizer.WithPageNumber().Match(text) is { Success: true } m && HeadingRecognizer.Recognize(m.Groups["text"].Value) is not null;
        if (WithPage(lines[i].Text)) return true;
        if (HeadingRecognizer.Recognize(lines[i].Text) is null) return false;
        var next = lines.Skip(i + 1).FirstOrDefault(l => l.Text.Length > 0);
        return next is not null && WithPage(next.Text);
    }

    private static bool StandsAlone(IReadOnlyList<SourceLine> lines, int i) =>
        (i == 0 || lines[i - 1].Text.Length == 0) && (i + 1 == lines.Count || lines[i + 1].Text.Length == 0);

    /// <summary>A 〇/■ line is a heading only when a paragraph follows it directly (a glossary term), not another item.</summary>
    private static bool ProseFollows(IReadOnlyList<SourceLine> lines, int i, string heading)
    {
        if (i + 1 >= lines.Count) return false;
        var next = lines[i + 1].Text;
        return next.Length > heading.Length && !LineCleaner.StartsItsOwn(next) && HeadingRecognizer.Recognize(next) is null;
    }

    /// <summary>
    /// A page title printed inside a run of 〇 headings (【用語集】 on the glossary's second page) belongs before the run.
    /// </summary>
    private static List<Item> MoveInterruptingHeadings(List<Item> items)
    {
        const int MinimumRun = 3;
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k].Heading is not { Marker: HeadingMarker.Chapter }) continue;
            var before = items.Take(k).Where(i => i.Heading is not null).Reverse().TakeWhile(i => i.Heading!.Marker == HeadingMarker.Mark).ToList();
            var after = items.Skip(k + 1).FirstOrDefault(i => i.Heading is not null);
            if (before.Count < MinimumRun || after?.Heading?.Marker != HeadingMarker.Mark) continue;
            var moved = items[k];
            items.RemoveAt(k);
            items.Insert(items.IndexOf(before[^1]), moved);
        }
        return items;
    }
}
