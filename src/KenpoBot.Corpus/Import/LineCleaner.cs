using System.Text.RegularExpressions;

namespace KenpoBot.Corpus.Import;

/// <summary>One line of the cleaned text and the 1-based line of the source it starts on.</summary>
public sealed record SourceLine(int Number, string Text);

/// <summary>
/// Turns extracted lines into clean ones: NFKC, the known misspellings fixed, page numbers and repeated page headers dropped,
/// and lines the extraction broke joined again. Blank lines are kept (they separate paragraphs and table cells).
/// </summary>
public static partial class LineCleaner
{
    private const int ShortLine = 30;
    private const int LongLine = 40;
    private const int MarginColumn = 12;

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex PageNumberOnly();

    [GeneratedRegex(@"^(?<text>.*\D)\s+\d{1,3}$")]
    private static partial Regex TrailingPageNumber();

    /// <summary>A line that starts something of its own and so never continues the line before.</summary>
    [GeneratedRegex(@"^(?:[・■□◆〇○◯【※\-]|\(※|\d+\)|[①-⑳]|[ⅰ-ⅻ]\))")]
    private static partial Regex StartsItsOwnPattern();

    /// <summary>「具体的施策 KPI 設定に当たっての考え方等」: the header of a KPI table, repeated on each page but not a page header.</summary>
    public static bool IsTableHeader(string line) => line.StartsWith("具体的施策", StringComparison.Ordinal);

    public static bool StartsItsOwn(string line) => StartsItsOwnPattern().IsMatch(line);

    public static IReadOnlyList<SourceLine> Clean(IReadOnlyList<string> rawLines)
    {
        var lines = rawLines
            .Select((raw, i) => new SourceLine(i + 1, ExtractionFixes.Apply(ImportText.Normalize(raw)).Trim()))
            .Where(l => !PageNumberOnly().IsMatch(l.Text))
            .Select(l => l with { Text = StripPageNumber(l.Text) })
            .ToList();
        return JoinBrokenLines(DropPageHeaders(lines));
    }

    /// <summary>「…前年度以上とする 13」 loses its page number; a table of contents entry 「Ⅰ.健全な財政運営 4」 keeps it.</summary>
    private static string StripPageNumber(string text)
    {
        var m = TrailingPageNumber().Match(text);
        if (!m.Success || m.Groups["text"].Value.Length < 10) return text;
        return HeadingRecognizer.Recognize(m.Groups["text"].Value) is null ? m.Groups["text"].Value : text;
    }

    /// <summary>
    /// A short line printed on every page (「分野 実施内容等」, the pillar in the margin) is a page header: a heading keeps its first
    /// occurrence, together with the short lines it was broken into, and every other occurrence goes.
    /// </summary>
    private static List<SourceLine> DropPageHeaders(List<SourceLine> lines)
    {
        var counts = lines.Where(l => l.Text.Length is > 0 and <= ShortLine).GroupBy(l => l.Text).ToDictionary(g => g.Key, g => g.Count());
        bool Repeated(string text, bool heading) =>
            counts.TryGetValue(text, out var n) && n >= (heading ? 2 : 3) && !text.StartsWith('【') && !text.Contains('。') && !text.Contains('\t')
            && !IsTableHeader(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<SourceLine>();
        var continuingHeading = false;
        foreach (var line in lines)
        {
            var heading = HeadingRecognizer.Recognize(line.Text) is not null;
            if (!Repeated(line.Text, heading))
            {
                kept.Add(line);
                continuingHeading = false;
                continue;
            }
            var first = seen.Add(line.Text);
            if (first && (heading || continuingHeading))
            {
                kept.Add(line);
                continuingHeading = true;
            }
        }
        return kept;
    }

    private static List<SourceLine> JoinBrokenLines(List<SourceLine> lines)
    {
        var joined = new List<SourceLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var marginHeading = IsMarginHeading(line.Text);
            while (i + 1 < lines.Count)
            {
                var next = lines[i + 1].Text;
                if (ContinuesBullet(line.Text, next)) line = line with { Text = line.Text + next.TrimStart('・', ' ') };
                else if (marginHeading && IsMarginPiece(next) || ContinuesProse(line.Text, next)) line = line with { Text = line.Text + next };
                else if (next.Length == 0 && i + 2 < lines.Count && ContinuesProse(line.Text, lines[i + 2].Text) && !line.Text.StartsWith('・'))
                {
                    // A paragraph the extraction split over a blank line: 「…レセプト振替サービス※2の拡充」 / 「により、…」.
                    line = line with { Text = line.Text + lines[i + 2].Text };
                    i++;
                }
                else break;
                i++;
            }
            joined.Add(line);
        }
        return joined;
    }

    /// <summary>The extraction starts each printed line of a bullet with 「・」; a bullet ends with 「。」.</summary>
    private static bool ContinuesBullet(string line, string next) =>
        line.StartsWith('・') && !line.EndsWith('。') && next.StartsWith('・');

    /// <summary>「1.基盤的保険者」 / 「機能の盤石化」: a heading broken in a narrow margin column, every piece short.</summary>
    private static bool IsMarginHeading(string line) =>
        HeadingRecognizer.Recognize(line) is { Marker: HeadingMarker.Chapter } && line.Length <= MarginColumn - 2;

    private static bool IsMarginPiece(string next) =>
        next.Length is > 0 and <= MarginColumn && HeadingRecognizer.Recognize(next) is null && !StartsItsOwn(next) && !next.Contains(' ');

    /// <summary>Japanese prose has no spaces; a line with them (「KPI 結果 KPI 結果 …」) is a row of cells, unless it is a bullet.</summary>
    private static bool ContinuesProse(string line, string next) =>
        line.Length >= LongLine && next.Length > 0 && !EndsSentence(line) && !IsBlockStart(line) && (line.StartsWith('・') || !line.Contains(' '))
        && !StartsItsOwn(next) && HeadingRecognizer.Recognize(next) is null && !next.Contains('\t') && !line.Contains('\t');

    private static bool IsBlockStart(string line) => line.StartsWith('■') || line.StartsWith('【');

    private static bool EndsSentence(string line) => line[^1] is '。' or ':' or '】' or '%';
}
