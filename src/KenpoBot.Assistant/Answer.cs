using System.Text.Json.Serialization;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant;

/// <summary>What the user asked for, as the planner understood it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Intent>))]
public enum Intent
{
    /// <summary>What a term means.</summary>
    Glossary,
    /// <summary>The status of one KPI (yes/no too), or of every KPI of a scope and year.</summary>
    KpiStatus,
    /// <summary>A KPI's target as a plan sets it.</summary>
    KpiTarget,
    /// <summary>The status a supposed result would get, with the gap in points and people.</summary>
    WhatIf,
    /// <summary>One metric across scopes, or a result against a target of another year.</summary>
    Comparison,
    /// <summary>What the plan documents say: answered from their sentences.</summary>
    Search,
    OutOfScope,
    Help,
    /// <summary>A KPI's published result, its reference value or its target population.</summary>
    KpiValue,
    /// <summary>How many KPIs of a scope and year reached each status.</summary>
    Count,
    /// <summary>The KPIs (or scopes) with a given status.</summary>
    StatusFilter,
    /// <summary>Scopes ranked by one metric.</summary>
    Ranking,
    /// <summary>A KPI between two years or plans, or a result against the year before.</summary>
    Change,
    /// <summary>How far a figure is from the target.</summary>
    Gap,
    /// <summary>Why a KPI or a measure is as it is, from the reasons the documents give.</summary>
    Why,
    /// <summary>Which action plan is in force.</summary>
    CurrentPlan,
}

public sealed record Citation(
    string DocumentId,
    string Title,
    string Section,
    string FiscalYear,
    string Scope,
    string Snippet);

/// <summary>One KPI evaluation as the answer shows it; Status is 達成, 概ね達成, 未達成 or 評価不能.</summary>
public sealed record KpiEvaluationView(
    string KpiId,
    string Name,
    string Scope,
    int FiscalYear,
    string TargetText,
    decimal? Target,
    decimal? Actual,
    decimal? Previous,
    decimal? Ratio,
    string Rule,
    string Status)
{
    /// <summary>The result as published, with its unit (「63.2%」「実施」).</summary>
    public string ActualText { get; init; } = "";

    /// <summary>達成度 as the rule texts show it (「96.0%」), or empty.</summary>
    public string RatioText { get; init; } = "";

    /// <summary>The metric key and its short name (「事業者健診データ取得率」).</summary>
    public string Metric { get; init; } = "";

    public string MetricName { get; init; } = "";

    /// <summary>The unit of the figures (「%」「事業所」), empty when none.</summary>
    public string Unit { get; init; } = "";

    /// <summary>A reference value printed beside the KPI (AP6's 参考：令和4年度末), as published, and its year.</summary>
    public string? Baseline { get; init; }

    public int? BaselineYear { get; init; }

    /// <summary>実施対象者数 where the plan gives it.</summary>
    public long? TargetPopulation { get; init; }

    /// <summary>Points (or units) short of the target: positive = short.</summary>
    public decimal? Gap { get; init; }

    public long? GapPeople { get; init; }

    /// <summary>The gap in words, with people where the plan gives the population.</summary>
    public string? GapText { get; init; }

    /// <summary>The document that sets the KPI.</summary>
    public string DocumentId { get; init; } = "";
}

public sealed record ToolCall(string Plugin, string Function, IReadOnlyDictionary<string, object?> Arguments);

/// <summary>Counts of one scope and year, for the KPI status card.</summary>
public sealed record KpiSummaryView(string Scope, int FiscalYear, int Achieved, int MostlyAchieved, int NotAchieved, int NotEvaluable);

/// <summary>The assistant's answer to one question. The JSON field names of `ask --json` are fixed by this record.</summary>
public sealed record Answer(
    string Question,
    Intent Intent,
    [property: JsonPropertyName("answer")] string Text,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<KpiEvaluationView> KpiEvaluations,
    IReadOnlyList<ToolCall> ToolCalls)
{
    /// <summary>The glossary entry, for a glossary answer.</summary>
    public GlossaryEntry? Term { get; init; }

    /// <summary>Summary counts, for a KPI status answer.</summary>
    public KpiSummaryView? Summary { get; init; }

    /// <summary>How the question was read (intent and slots): shown by `ask --json` for diagnosis.</summary>
    public Understanding.QuestionFrame? Frame { get; init; }

    /// <summary>Follow-up questions offered as buttons.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>True when a language model wrote the text (Teams shows its AI label); false for offline answers.</summary>
    public bool ByModel { get; init; }
}

/// <summary>
/// Receives an answer while it is written: an informative update, then the model's text as it arrives. The final
/// <see cref="Answer"/> returned by <see cref="IAssistant.AskAsync"/> replaces whatever was streamed.
/// </summary>
public interface IAnswerStream
{
    /// <summary>A short status line (「資料を検索しています…」).</summary>
    ValueTask InformAsync(string text, CancellationToken cancellationToken);

    /// <summary>Text the model has written so far, appended in order.</summary>
    ValueTask AppendAsync(string delta, CancellationToken cancellationToken);
}

/// <summary>Answers one question within a conversation. The bot and the command line both call this.</summary>
public interface IAssistant
{
    Task<Answer> AskAsync(string conversationId, string question, CancellationToken cancellationToken);

    /// <summary>As <see cref="AskAsync(string, string, CancellationToken)"/>, streaming model text to <paramref name="stream"/> as it arrives.</summary>
    Task<Answer> AskAsync(string conversationId, string question, IAnswerStream? stream, CancellationToken cancellationToken) =>
        AskAsync(conversationId, question, cancellationToken);
}
