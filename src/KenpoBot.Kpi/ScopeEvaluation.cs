using KenpoBot.Corpus;

namespace KenpoBot.Kpi;

/// <summary>Every KPI of one scope for one fiscal year, with the count of each status. Reference rows (（参考）) are listed but not counted.</summary>
public sealed record ScopeEvaluation(Scope Scope, int FiscalYear, IReadOnlyList<KpiEvaluation> Rows)
{
    /// <summary>The number of counted (non-reference) rows with each status; every status is present, possibly with 0.</summary>
    public IReadOnlyDictionary<KpiStatus, int> Counts => Enum.GetValues<KpiStatus>().ToDictionary(
        s => s,
        s => Rows.Count(r => !r.Definition.IsReference && r.Status == s));

    public int CountOf(KpiStatus status) => Counts[status];

    /// <summary>「達成 6 / 概ね達成 5 / 未達成 10」, with 評価不能 only when there is one.</summary>
    public string Summary =>
        string.Join(" / ", Enum.GetValues<KpiStatus>()
            .Where(s => s != KpiStatus.NotEvaluable || Counts[s] > 0)
            .Select(s => $"{s.ToJapanese()} {Counts[s]}"));
}

/// <summary>One scope in a comparison of a metric across scopes; <see cref="Evaluation"/> is null when the scope sets no such KPI for that year.</summary>
public sealed record KpiComparisonRow(Scope Scope, KpiEvaluation? Evaluation, string? Note);
