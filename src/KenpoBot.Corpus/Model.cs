namespace KenpoBot.Corpus;

/// <summary>Where a fact came from: a corpus file and its 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

public enum DocumentKind
{
    /// <summary>保険者機能強化アクションプラン (front matter: action-plan)</summary>
    ActionPlan,
    /// <summary>事業計画 (business-plan)</summary>
    BusinessPlan,
    /// <summary>事業報告書 (business-report)</summary>
    BusinessReport,
    /// <summary>支部事業計画 (branch-plan)</summary>
    BranchPlan,
}

/// <summary>An inclusive range of fiscal years (年度, April to March), e.g. 2024–2026.</summary>
public readonly record struct FiscalYearRange(int From, int To)
{
    public bool Contains(int fiscalYear) => fiscalYear >= From && fiscalYear <= To;

    public override string ToString() => From == To ? $"{From}" : $"{From}-{To}";

    /// <summary>Parses "2021" or "2024-2026".</summary>
    public static bool TryParse(string text, out FiscalYearRange range)
    {
        range = default;
        var parts = text.Trim().Split('-');
        if (parts.Length is < 1 or > 2) return false;
        if (!int.TryParse(parts[0], out var from) || from is < 2000 or > 2100) return false;
        var to = from;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out to) || to < from || to > 2100)) return false;
        range = new FiscalYearRange(from, to);
        return true;
    }
}

/// <summary>One heading of a plan document and the text under it (up to the next heading).</summary>
public sealed record Section(
    string DocumentId,
    string Id,
    int Level,
    string Heading,
    IReadOnlyList<string> HeadingPath,
    string Text,
    SourceLocation Location)
{
    public string Reference => $"{DocumentId}#{Id}";
}

public sealed record PlanDocument(
    string Id,
    string Title,
    DocumentKind Kind,
    Scope Scope,
    FiscalYearRange FiscalYears,
    string? Plan,
    string SourceFile,
    IReadOnlyList<Section> Sections,
    string Path)
{
    /// <summary>The sections directly under <paramref name="section"/>, in document order.</summary>
    public IEnumerable<Section> ChildrenOf(Section section) => Sections.Where(c =>
        c.HeadingPath.Count == section.HeadingPath.Count + 1 && c.HeadingPath.Take(section.HeadingPath.Count).SequenceEqual(section.HeadingPath));

    /// <summary>
    /// The section's text; under a heading with no text of its own, a line naming its sub-sections (「第6期の事業運営の3つの柱」 is
    /// its three pillars), so that the heading can be found and answered.
    /// </summary>
    public string TextWithOutline(Section section)
    {
        var children = ChildrenOf(section).Select(c => c.Heading).ToList();
        if (children.Count == 0) return section.Text;
        var outline = $"{section.Heading}は、{string.Join("、", children)}。";
        return section.Text.Length == 0 ? outline : $"{outline}\n{section.Text}";
    }
}

public enum KpiArea
{
    /// <summary>基盤的保険者機能</summary>
    Foundational,
    /// <summary>戦略的保険者機能</summary>
    Strategic,
    /// <summary>組織・運営体制</summary>
    Organization,
}

public enum TargetKind
{
    /// <summary>「○%以上とする」: result ≥ target.</summary>
    AbsoluteHigher,
    /// <summary>「○%以下とする」「○日以内」: result ≤ target.</summary>
    AbsoluteLower,
    /// <summary>「対前年度以上」: result ≥ previous year's result (binary).</summary>
    PreviousHigher,
    /// <summary>「対前年度以下」: result ≤ previous year's result (binary).</summary>
    PreviousLower,
    /// <summary>「全支部で実施する」「47支部」: branches that did it against the number required.</summary>
    Branches,
    /// <summary>「実施する」: done or not (binary).</summary>
    Done,
}

public enum SpecialRule
{
    None,
    /// <summary>ジェネリック医薬品: 80% or more; a branch already at 80% or more must be at or above its previous figure.</summary>
    GenericDrug80,
    /// <summary>一者応札: a branch with few general tenders meets the KPI with at most one single-bid tender.</summary>
    SmallTenderException,
    /// <summary>健康保険委員 (AP6): covered share ≥ target and commissioned offices ≥ previous year; both must hold.</summary>
    HealthCommitteeCompound,
}

public enum Unit
{
    None,
    Percent,
    Yen,
    Offices,
    Branches,
    Cases,
    People,
    Days,
    Times,
}

public static class UnitText
{
    private static readonly (Unit Unit, string Text)[] Map =
    [
        (Unit.None, ""), (Unit.Percent, "%"), (Unit.Yen, "円"), (Unit.Offices, "事業所"), (Unit.Branches, "支部"),
        (Unit.Cases, "件"), (Unit.People, "人"), (Unit.Days, "日"), (Unit.Times, "回"),
    ];

    public static string ToText(this Unit unit) => Map.First(m => m.Unit == unit).Text;

    public static bool TryParse(string text, out Unit unit)
    {
        foreach (var (u, t) in Map)
        {
            if (t == text.Trim()) { unit = u; return true; }
        }
        unit = Unit.None;
        return false;
    }

    /// <summary>"38.5%", "7,215円", "1,780事業所": the value with its unit, as the documents write it.</summary>
    public static string Format(decimal value, Unit unit) =>
        unit == Unit.Percent ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%" : $"{value.ToString("#,0.############", System.Globalization.CultureInfo.InvariantCulture)}{unit.ToText()}";
}

public sealed record KpiTarget(
    TargetKind Kind,
    decimal? Value,
    Unit Unit,
    SpecialRule Rule,
    /// <summary>For <see cref="SpecialRule.SmallTenderException"/>: the largest tender count the exception covers (6 for Akita FY2025, 4 for Iwate FY2021).</summary>
    int? SmallTenderLimit);

/// <summary>A KPI as one plan sets it for one scope.</summary>
public sealed record KpiDefinition(
    string Id,
    /// <summary>Stable key of the indicator across scopes and years, e.g. "generic-drug-share".</summary>
    string Metric,
    /// <summary>Short Japanese name of the indicator, the same for every row of one metric.</summary>
    string MetricName,
    string DocumentId,
    string SectionId,
    FiscalYearRange FiscalYears,
    Scope Scope,
    KpiArea Area,
    string Measure,
    string Wording,
    KpiTarget Target,
    long? TargetPopulation,
    /// <summary>A reference line (「（参考）…」), shown but not counted in summaries.</summary>
    bool IsReference,
    string Note,
    SourceLocation Location)
{
    public string SectionReference => $"{DocumentId}#{SectionId}";

    private static readonly string[] QuotedMarkers = ["KPI一覧表の考え方", "考え方：", "困難度", "重要度", "（※", "(※", "※"];

    /// <summary>
    /// The parts of <see cref="Note"/> that quote the document (KPI一覧表の考え方, 重要度・困難度, ※ footnotes), without the curators'
    /// remarks on how the row was read: what an answer may show as the document's words.
    /// </summary>
    public string QuotedNote => string.Concat(Note.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(part => QuotedMarkers.Any(m => part.StartsWith(m, StringComparison.Ordinal)))
        .Select(part => part + "。"));

    /// <summary>A reference value printed beside the KPI, as published (AP6's 参考：令和4年度末).</summary>
    public string? Baseline { get; init; }

    public int? BaselineYear { get; init; }
}

/// <summary>A published result of a KPI for one fiscal year.</summary>
public sealed record KpiResult(
    string KpiId,
    int FiscalYear,
    /// <summary>The result as a number, when it is one.</summary>
    decimal? Actual,
    /// <summary>The result as published (「44支部が達成」「実施」「未実施」), or the number with its unit.</summary>
    string ActualText,
    /// <summary>The previous fiscal year's result, where published.</summary>
    decimal? Previous,
    /// <summary>Second condition of a compound KPI, or tender counts: e.g. offices=270116; offices-previous=260000; tenders=5; single-bids=1.</summary>
    IReadOnlyDictionary<string, decimal> Extra,
    string DocumentId,
    string SectionId,
    string Note,
    SourceLocation Location)
{
    public string SectionReference => $"{DocumentId}#{SectionId}";
}

public sealed record GlossaryEntry(
    string Term,
    string Reading,
    IReadOnlyList<string> Synonyms,
    string Definition,
    /// <summary>Section references ("akita-2025#glossary") where the documents define or use the term.</summary>
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Related,
    /// <summary>True when a document defines the term; false when the documents only use it.</summary>
    bool DefinedInDocuments,
    SourceLocation Location);

/// <summary>One way the documents or staff name a KPI metric (kpi/metric-aliases.tsv); one alias may name several metrics.</summary>
public sealed record MetricAlias(
    /// <summary>A metric key of the KPI catalogue, e.g. "employer-checkup-data-rate".</summary>
    string Metric,
    /// <summary>The name, NFKC-normalised: 「健診データ取得率」.</summary>
    string Alias,
    /// <summary>Where the naming comes from: a seed file and line ("003_b3fb34fea5d2bbcb.txt:942") or "staff".</summary>
    string Source,
    SourceLocation Location);
