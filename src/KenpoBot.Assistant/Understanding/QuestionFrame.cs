using KenpoBot.Corpus;
using KenpoBot.Corpus.Entities;
using KenpoBot.Kpi;

namespace KenpoBot.Assistant.Understanding;

/// <summary>Whose figure a KPI is about: 被保険者 (the insured) or 被扶養者 (their dependants).</summary>
public enum Population
{
    Any,
    Insured,
    Dependent,
}

public enum RankOrder
{
    Highest,
    Lowest,
}

/// <summary>What the question asks for; one question may ask several (target and result and the gap).</summary>
[Flags]
public enum Asks
{
    None = 0,
    Target = 1 << 0,
    Result = 1 << 1,
    Status = 1 << 2,
    Gap = 1 << 3,
    People = 1 << 4,
    Baseline = 1 << 5,
    TargetPopulation = 1 << 6,
    Count = 1 << 7,
    Definition = 1 << 8,
    Why = 1 << 9,
    Change = 1 << 10,
    Compare = 1 << 11,
    List = 1 << 12,
    Which = 1 << 13,
    WhatIf = 1 << 14,
    Kpi = 1 << 15,
    Rising = 1 << 16,
    Falling = 1 << 17,
    CurrentPlan = 1 << 18,
    StillOngoing = 1 << 19,
}

/// <summary>A number the question gives (「36%」「8.0％」「55%」), with its unit as written.</summary>
public readonly record struct NumberMention(decimal Value, string Unit);

/// <summary>
/// What a question means, as every later step reads it: the intent and its slots. Slots the question leaves out are filled
/// from the conversation when the question has no subject of its own (「目標は？」「じゃあ岩手は？」); <see cref="Inherited"/> says
/// which.
/// </summary>
public sealed record QuestionFrame
{
    public required string Text { get; init; }

    public Intent Intent { get; init; }

    public IReadOnlyList<Scope> Scopes { get; init; } = [];

    /// <summary>A region named (東北): <see cref="Scopes"/> then holds its branches.</summary>
    public string? Region { get; init; }

    public IReadOnlyList<int> Years { get; init; } = [];

    public RelativeYear? RelativeYear { get; init; }

    public string? Plan { get; init; }

    /// <summary>Every plan named (「第5期の…は第6期では」); <see cref="Plan"/> is the first.</summary>
    public IReadOnlyList<string> Plans { get; init; } = [];

    /// <summary>The KPI metrics the question names, best first; several when it names several or the name fits several equally.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    public Population Population { get; init; }

    /// <summary>The statuses asked for (「未達成だった」; 「届かなかった」 is 未達成 or 概ね達成); empty when none.</summary>
    public IReadOnlyList<KpiStatus> StatusFilter { get; init; } = [];

    /// <summary>The year of a reference value (「令和4年度末の値」), apart from the years of the KPI.</summary>
    public int? BaselineYear { get; init; }

    public RankOrder? Order { get; init; }

    public IReadOnlyList<NumberMention> Numbers { get; init; } = [];

    public Asks Asks { get; init; }

    /// <summary>The glossary term the question names, if any (「保険者間調整」).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GlossaryEntry? Term { get; init; }

    /// <summary>The name of <see cref="Term"/>, for diagnosis.</summary>
    public string? TermName => Term?.Term;

    /// <summary>The content words left once entities and question words are taken out.</summary>
    public string Topic { get; init; } = "";

    /// <summary>True when the question has no subject of its own and refers to the previous answer (それ, その, じゃあ…は？).</summary>
    public bool IsFollowUp { get; init; }

    /// <summary>Slots taken from the conversation.</summary>
    public IReadOnlyList<string> Inherited { get; init; } = [];

    public bool Has(Asks ask) => (Asks & ask) == ask;

    [System.Text.Json.Serialization.JsonIgnore]
    public Scope? Scope => Scopes.Count > 0 ? Scopes[0] : null;

    [System.Text.Json.Serialization.JsonIgnore]
    public int? Year => Years.Count > 0 ? Years[0] : null;

    [System.Text.Json.Serialization.JsonIgnore]
    public string? Metric => Metrics.Count > 0 ? Metrics[0] : null;
}
