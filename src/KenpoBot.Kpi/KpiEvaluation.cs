using KenpoBot.Corpus;

namespace KenpoBot.Kpi;

/// <summary>One condition of a compound KPI (健康保険委員: the covered share, and the commissioned offices against the previous year).</summary>
public sealed record KpiConditionResult(
    string Name,
    KpiStatus Status,
    decimal? Actual,
    decimal? Target,
    Unit Unit,
    /// <summary>The rule applied to this condition, in Japanese, with its numbers.</summary>
    string Rule);

/// <summary>The status of one KPI for one fiscal year, with the rule applied and the numbers used, so a reader can check it by hand.</summary>
public sealed record KpiEvaluation
{
    public required KpiDefinition Definition { get; init; }

    public required int FiscalYear { get; init; }

    public required KpiStatus Status { get; init; }

    /// <summary>The result as a number, when it is one.</summary>
    public decimal? Actual { get; init; }

    /// <summary>The result as published (「92.41%」「44支部が達成」「実施」).</summary>
    public string? ActualText { get; init; }

    /// <summary>The previous fiscal year's result, where published.</summary>
    public decimal? Previous { get; init; }

    /// <summary>The value the result was judged against: the target, or the previous year's result for a relative rule.</summary>
    public decimal? Target { get; init; }

    /// <summary>達成度 as a ratio (0.9946 = 99.46%): result ÷ target, or target ÷ result when lower is better; null where the rule defines none (binary rules).</summary>
    public decimal? AchievementDegree { get; init; }

    /// <summary>The rule applied, in Japanese, with its numbers: 「目標 95% 以上に対し実績 92.41%。達成度 97.3%（95%以上）のため概ね達成」.</summary>
    public required string Rule { get; init; }

    /// <summary>Each condition of a compound rule; empty otherwise.</summary>
    public IReadOnlyList<KpiConditionResult> Conditions { get; init; } = [];

    /// <summary>How far the result falls short of <see cref="Target"/> in the rule's direction (points for %, the unit otherwise). Positive = short; zero or negative = met, by that margin.</summary>
    public decimal? Gap { get; init; }

    /// <summary>The gap in people: target population × gap ÷ 100, rounded up (a shortfall of 1,138.8 people is 1,139). Only for % KPIs whose plan gives the population.</summary>
    public long? GapPeople { get; init; }

    /// <summary>The gap in Japanese words, with how the people were rounded.</summary>
    public string? GapText { get; init; }

    /// <summary>Why the status is 評価不能 (no result yet, no previous-year value, a result the rule cannot use).</summary>
    public string? UnavailableReason { get; init; }

    /// <summary>True when <see cref="Actual"/> is a supposed value (「もし実績が○%なら」), not a published one.</summary>
    public bool IsWhatIf { get; init; }

    /// <summary>The published result used, if any (its document and section are the citation).</summary>
    public KpiResult? Result { get; init; }

    public Unit Unit => Definition.Target.Unit;
}
