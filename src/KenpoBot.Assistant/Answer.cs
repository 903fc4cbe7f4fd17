using System.Text.Json.Serialization;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant;

/// <summary>What the user asked for, as the planner understood it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Intent>))]
public enum Intent
{
    Glossary,
    KpiStatus,
    KpiTarget,
    WhatIf,
    Comparison,
    Search,
    OutOfScope,
    Help,
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

    /// <summary>Follow-up questions offered as buttons.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];
}

/// <summary>Answers one question within a conversation. The bot and the command line both call this.</summary>
public interface IAssistant
{
    Task<Answer> AskAsync(string conversationId, string question, CancellationToken cancellationToken);
}
