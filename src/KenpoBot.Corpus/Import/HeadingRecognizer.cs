using System.Text.RegularExpressions;

namespace KenpoBot.Corpus.Import;

/// <summary>The kind of numbering a heading line carries; its rank orders the outline (lower = higher in the hierarchy).</summary>
public enum HeadingMarker
{
    /// <summary>「KPI一覧表」「参考：…」: a part of its own, above the pillars.</summary>
    Part = 15,
    /// <summary>「1.」「１．」, a pillar named on its own, 【…】, 目次.</summary>
    Chapter = 20,
    /// <summary>「Ⅰ）」「II)」「（１）」.</summary>
    Item = 30,
    /// <summary>「①」.</summary>
    Measure = 40,
    /// <summary>「ⅰ）」「i)」.</summary>
    SubMeasure = 50,
    /// <summary>「〇」「■」: a heading only when prose follows it.</summary>
    Mark = 60,
}

/// <summary>
/// A line recognised as a heading: its marker and its text as it will be printed. A page title in brackets (【用語集】) is
/// <see cref="TopLevel"/>: it stands directly under the document title whatever came before it.
/// </summary>
public sealed record HeadingCandidate(HeadingMarker Marker, string Text, bool TopLevel = false);

/// <summary>Recognises one (NFKC-normalised) line as a heading from the numbering the plan documents use.</summary>
public static partial class HeadingRecognizer
{
    private static readonly string[] Pillars = ["基盤的保険者機能", "戦略的保険者機能", "組織・運営体制"];

    [GeneratedRegex(@"^\d{1,2}\.\s*\D")]
    private static partial Regex Chapter();

    [GeneratedRegex(@"^(?:[Ⅰ-Ⅻ]|I{1,3}|IV|VI{0,3}|IX|X)\s*[).](?!\d)\s*\S")]
    private static partial Regex RomanItem();

    [GeneratedRegex(@"^\(\d{1,2}\)\s*\S")]
    private static partial Regex ParenItem();

    [GeneratedRegex(@"^[①-⑳]\s*(?<rest>.+)$")]
    private static partial Regex Circled();

    [GeneratedRegex(@"^(?:[ⅰ-ⅻ]|i{1,3}|iv|vi{0,3}|ix|x)\s*\)\s*\S")]
    private static partial Regex SmallRoman();

    [GeneratedRegex(@"^【(?<text>[^】:]+)】$")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^<[^<>]+>$")]
    private static partial Regex AngleBracketed();

    /// <summary>「●健全な財政運営」: a measure of the 000 business plan, followed by its bullets.</summary>
    [GeneratedRegex(@"^●\s*(?<rest>.+)$")]
    private static partial Regex Bulleted();

    [GeneratedRegex(@"^[〇○◯■□◆]\s*(?<rest>.+)$")]
    private static partial Regex Marked();

    /// <summary>A table of contents entry: a heading followed by its page number.</summary>
    [GeneratedRegex(@"^(?<text>.+?)\s+\d{1,3}$")]
    public static partial Regex WithPageNumber();

    public static HeadingCandidate? Recognize(string line)
    {
        var text = line.Trim();
        if (text.Length is 0 or > 60 || text.Contains('。') || text.Contains('\t') || text.StartsWith('・') || text.StartsWith("- ", StringComparison.Ordinal))
            return null;
        if (text.Replace(" ", "") is "目次") return new(HeadingMarker.Chapter, "目次");
        if (text.Contains("KPI一覧", StringComparison.Ordinal) && text.Length <= 30
            || text.StartsWith("参考:", StringComparison.Ordinal) && text.Length <= 40)
            return new(HeadingMarker.Part, text);
        if (Bracketed().Match(text) is { Success: true } bracket) return new(HeadingMarker.Chapter, bracket.Groups["text"].Value, TopLevel: true);
        if (Chapter().IsMatch(text) && !LooksLikeFigures(text)) return new(HeadingMarker.Chapter, text);
        if ((RomanItem().IsMatch(text) || ParenItem().IsMatch(text)) && !LooksLikeFigures(text)) return new(HeadingMarker.Item, text);
        if (Circled().Match(text) is { Success: true } circled && IsTitle(circled.Groups["rest"].Value)) return new(HeadingMarker.Measure, text);
        if (SmallRoman().IsMatch(text) && !LooksLikeFigures(text)) return new(HeadingMarker.SubMeasure, text);
        if (Marked().Match(text) is { Success: true } marked && !text.Contains("KPI", StringComparison.Ordinal) && IsTitle(marked.Groups["rest"].Value))
            return new(HeadingMarker.Mark, marked.Groups["rest"].Value.Trim());
        if (Pillars.Any(p => text.StartsWith(p, StringComparison.Ordinal)) && text.Length <= 24) return new(HeadingMarker.Chapter, text);
        if (AngleBracketed().IsMatch(text)) return new(HeadingMarker.Measure, text);
        if (Bulleted().Match(text) is { Success: true } bullet && IsTitle(bullet.Groups["rest"].Value)) return new(HeadingMarker.Measure, bullet.Groups["rest"].Value.Trim());
        return null;
    }

    /// <summary>
    /// A slide title: an unnumbered line that stands alone between blank lines (「第6期の事業運営の3つの柱」). Only the caller
    /// knows it stands alone.
    /// </summary>
    public static HeadingCandidate? RecognizeStandalone(string line)
    {
        var text = line.Trim();
        return text.Length is >= 6 and <= 45 && !text.Contains('。') && !text.Contains('、') && !text.Contains(' ') && !text.Contains('\t')
            && !LineCleaner.StartsItsOwn(text) && !char.IsAsciiDigit(text[0]) && !LooksLikeFigures(text)
            ? new(HeadingMarker.Chapter, text)
            : null;
    }

    /// <summary>The area (基盤 / 戦略 / 組織) a heading names, if it names one of the three pillars.</summary>
    public static string? AreaOf(string heading) =>
        heading.Contains("基盤的保険者機能", StringComparison.Ordinal) ? "基盤"
        : heading.Contains("戦略的保険者機能", StringComparison.Ordinal) ? "戦略"
        : heading.Contains("組織・運営体制", StringComparison.Ordinal) ? "組織"
        : null;

    /// <summary>The heading without its numbering: 「① サービス水準の向上」 → 「サービス水準の向上」.</summary>
    public static string StripNumbering(string heading) =>
        NumberingPrefix().Replace(heading, "").Trim();

    [GeneratedRegex(@"^(?:\d{1,2}\.|(?:[Ⅰ-Ⅻ]|I{1,3}|IV|VI{0,3}|IX|X)\s*[).]|\(\d{1,2}\)|[①-⑳]|(?:[ⅰ-ⅻ]|i{1,3}|iv|vi{0,3}|ix|x)\s*\)|[〇○◯■□◆])\s*")]
    private static partial Regex NumberingPrefix();

    /// <summary>Cells of a figures table: 「① 100%」「① 前年度以上」「1.03%」.</summary>
    private static bool LooksLikeFigures(string text) =>
        text.Count(char.IsAsciiDigit) * 3 > text.Length || text.Contains('%') && text.Count(c => c == '%') > 1;

    private static bool IsTitle(string rest)
    {
        rest = rest.Trim();
        return rest.Length >= 3 && !char.IsAsciiDigit(rest[0]) && !LooksLikeFigures(rest)
            && !rest.EndsWith("以上", StringComparison.Ordinal) && !rest.EndsWith("以下", StringComparison.Ordinal);
    }
}
