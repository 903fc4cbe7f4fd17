namespace KenpoBot.Corpus.Import;

/// <summary>What the curator says about the document: its id, kind, scope, years, plan and title.</summary>
public sealed record ImportOptions(string Id, string Kind, string Scope, FiscalYearRange Years, string? Plan, string? Title, string SourceFile);

/// <summary>A heading of the draft and the body lines under it, each with the source line it came from.</summary>
public sealed record DraftSection(int Level, string Heading, string Anchor, HeadingMarker? Marker, int SourceLine, IReadOnlyList<SourceLine> Body);

/// <summary>One KPI row of the draft, in the columns of kpi/*.kpis.tsv.</summary>
public sealed record DraftKpi(
    string Id, string Metric, string MetricName, string Scope, FiscalYearRange Years, string Section, string Area, string Measure,
    string Wording, ParsedTarget Target, string Baseline, int? BaselineYear, bool IsReference, string Note, int SourceLine);

/// <summary>One published result of a draft KPI, in the columns of kpi/*.results.tsv.</summary>
public sealed record DraftResult(string KpiId, int FiscalYear, decimal? Actual, string ActualText, decimal? Previous, string Section, int SourceLine);

/// <summary>The imported document before it is written: its sections, its KPI rows and results, and what the import could not be sure of.</summary>
public sealed record DocumentDraft(
    ImportOptions Options, IReadOnlyList<DraftSection> Sections, IReadOnlyList<DraftKpi> Kpis, IReadOnlyList<DraftResult> Results, ImportReport Report);
