using KenpoBot.Corpus;

namespace KenpoBot.Kpi;

/// <summary>Decides KPI statuses by the rules of shared/KPI-RULES.md over a fixed set of definitions and results. Pure and thread-safe.</summary>
public sealed class KpiEvaluator
{
    private readonly IReadOnlyList<KpiDefinition> definitions;
    private readonly Dictionary<string, KpiDefinition> definitionsById;
    private readonly ILookup<string, KpiResult> resultsByKpi;

    public KpiEvaluator(IEnumerable<KpiDefinition> definitions, IEnumerable<KpiResult> results)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(results);
        this.definitions = [.. definitions];
        definitionsById = this.definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        resultsByKpi = results.ToLookup(r => r.KpiId, StringComparer.Ordinal);
    }

    public KpiEvaluator(KnowledgeBase knowledge)
        : this(knowledge.Kpis, knowledge.Results)
    {
    }

    /// <summary>The published result of a KPI for a fiscal year, if any.</summary>
    public KpiResult? FindResult(string kpiId, int fiscalYear) =>
        resultsByKpi[kpiId].FirstOrDefault(r => r.FiscalYear == fiscalYear);

    /// <summary>Evaluates one definition against a result. The fiscal year is the result's; without a result, <paramref name="fiscalYear"/> or the plan's first year.</summary>
    public KpiEvaluation Evaluate(KpiDefinition definition, KpiResult? result, int? fiscalYear = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return KpiRules.Evaluate(definition, result?.FiscalYear ?? fiscalYear ?? definition.FiscalYears.From, result, isWhatIf: false);
    }

    /// <summary>Evaluates a KPI by id against its published result for the year (評価不能 when none is published).</summary>
    public KpiEvaluation Evaluate(string kpiId, int fiscalYear)
    {
        var definition = Find(kpiId);
        return KpiRules.Evaluate(definition, fiscalYear, FindResult(kpiId, fiscalYear), isWhatIf: false);
    }

    /// <summary>Every KPI the scope has for the fiscal year (optionally from one document), in corpus order, with the status counts.</summary>
    public ScopeEvaluation EvaluateScope(Scope scope, int fiscalYear, string? documentId = null)
    {
        var rows = definitions
            .Where(d => d.Scope == scope && d.FiscalYears.Contains(fiscalYear) && (documentId is null || d.DocumentId == documentId))
            .Select(d => KpiRules.Evaluate(d, fiscalYear, FindResult(d.Id, fiscalYear), isWhatIf: false))
            .ToList();
        return new ScopeEvaluation(scope, fiscalYear, rows);
    }

    /// <summary>
    /// One metric across scopes for a fiscal year. Without scopes: every scope that has the metric, 協会全体 first, then the branches
    /// in prefecture order. A scope without such a KPI gets a row with no evaluation and a note.
    /// </summary>
    public IReadOnlyList<KpiComparisonRow> Compare(string metric, int fiscalYear, IEnumerable<Scope>? scopes = null)
    {
        var matching = definitions.Where(d => d.Metric == metric && d.FiscalYears.Contains(fiscalYear)).ToList();
        var wanted = scopes?.Distinct().ToList() is { Count: > 0 } given
            ? given
            : matching.Select(d => d.Scope).Distinct().OrderBy(s => s.Order).ToList();
        var rows = new List<KpiComparisonRow>();
        foreach (var scope in wanted)
        {
            var found = matching.Where(d => d.Scope == scope).ToList();
            if (found.Count == 0)
            {
                rows.Add(new KpiComparisonRow(scope, null, $"{scope.DisplayName}には{fiscalYear}年度のこの KPI がありません。"));
                continue;
            }
            rows.AddRange(found.Select(d => new KpiComparisonRow(scope, KpiRules.Evaluate(d, fiscalYear, FindResult(d.Id, fiscalYear), isWhatIf: false), null)));
        }
        return rows;
    }

    /// <summary>
    /// 「もし実績が○なら」: evaluates a supposed result. The previous figure, tender counts and offices come from the published result of
    /// that year; without one, a rule that needs the previous figure takes the published result of the year before for the same metric and scope.
    /// </summary>
    public KpiEvaluation WhatIf(string kpiId, int fiscalYear, decimal actual)
    {
        var definition = Find(kpiId);
        var published = FindResult(kpiId, fiscalYear);
        var previous = published?.Previous;
        var prefix = $"【仮定】実績を {KpiFormat.Value(actual, definition.Target.Unit)} とした場合。";
        var needsPrevious = definition.Target.Kind is TargetKind.PreviousHigher or TargetKind.PreviousLower
            || definition.Target.Rule == SpecialRule.GenericDrug80;
        if (previous is null && needsPrevious && PublishedActual(definition, fiscalYear - 1) is { } earlier)
        {
            previous = earlier.Actual;
            prefix += $"前年度の値は公表済みの{fiscalYear - 1}年度実績 {KpiFormat.Value(earlier.Actual!.Value, definition.Target.Unit)}（{earlier.SectionReference}）を使用。";
        }
        var supposed = new KpiResult(
            kpiId,
            fiscalYear,
            actual,
            KpiFormat.Value(actual, definition.Target.Unit),
            previous,
            published?.Extra ?? new Dictionary<string, decimal>(),
            published?.DocumentId ?? definition.DocumentId,
            published?.SectionId ?? definition.SectionId,
            "仮定の値",
            published?.Location ?? definition.Location);
        return KpiRules.Evaluate(definition, fiscalYear, supposed, isWhatIf: true, prefix);
    }

    private KpiDefinition Find(string kpiId) =>
        definitionsById.TryGetValue(kpiId, out var definition)
            ? definition
            : throw new ArgumentException($"KPI「{kpiId}」は見つかりません。", nameof(kpiId));

    private KpiResult? PublishedActual(KpiDefinition definition, int fiscalYear) =>
        definitions
            .Where(d => d.Metric == definition.Metric && d.Scope == definition.Scope && d.FiscalYears.Contains(fiscalYear))
            .Select(d => FindResult(d.Id, fiscalYear))
            .FirstOrDefault(r => r?.Actual is not null);
}
