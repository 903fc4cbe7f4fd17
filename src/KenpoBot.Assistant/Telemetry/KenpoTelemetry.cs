using System.Diagnostics;
using System.Diagnostics.Metrics;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Telemetry;

/// <summary>
/// The bot's one trace source and one meter, both named "KenpoBot": a span per turn, per tool call and per search, and the
/// answer metrics. No span tag or measurement carries the question's text; only its intent, counts and durations.
/// Nothing is exported unless the host registers an exporter (it does so only when OTEL_EXPORTER_OTLP_ENDPOINT is set).
/// </summary>
public static class KenpoTelemetry
{
    public const string Name = "KenpoBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Answers =
        Meter.CreateCounter<long>("kenpobot.answers", "{answer}", "Answers given, by intent");

    private static readonly Counter<long> NotInDocuments =
        Meter.CreateCounter<long>("kenpobot.answers.not_in_documents", "{answer}", "Answers that the documents do not cover (see NotInDocuments)");

    private static readonly Histogram<double> AnswerDuration =
        Meter.CreateHistogram<double>("kenpobot.answer.duration", "ms", "Time to answer one question, by intent");

    private static WeakReference<KnowledgeIndex>? observedIndex;

    private static readonly ObservableGauge<long> IndexGeneration = Meter.CreateObservableGauge(
        "kenpobot.index.generation", ObserveGeneration, "s",
        "The index generation serving: when it was built (Unix seconds), tagged with its name");

    private static readonly ObservableGauge<int> IndexEntries = Meter.CreateObservableGauge<int>(
        "kenpobot.index.entries", ObserveEntries, "{entry}",
        "Entries in the index generation serving");

    /// <summary>Reports this index's generation from now on (the host's one index; held weakly).</summary>
    public static void ObserveIndex(KnowledgeIndex index) => Volatile.Write(ref observedIndex, new WeakReference<KnowledgeIndex>(index));

    /// <summary>The span of one turn: a root span on the command line, a child of the request's span in the bot.</summary>
    public static Activity? StartTurn() => Source.StartActivity("kenpobot.turn");

    /// <summary>The span of one Kernel function call, whoever makes it (the offline handlers or the LLM).</summary>
    public static Activity? StartToolCall(string? plugin, string function)
    {
        var activity = Source.StartActivity($"tool {plugin}.{function}");
        activity?.SetTag("kenpobot.tool.plugin", plugin);
        activity?.SetTag("kenpobot.tool.function", function);
        return activity;
    }

    /// <summary>Tags a finished tool call: the KPI evaluations it returned (functions that return evaluations), or that it failed.</summary>
    public static void RecordToolResult(Activity? activity, Type? returnType, object? value, Exception? error = null)
    {
        if (activity is null) return;
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            return;
        }
        if (EvaluationCount(returnType, value) is { } count) activity.SetTag("kenpobot.kpi.evaluations", count);
    }

    /// <summary>The span of one full-text search; the caller tags the hit count.</summary>
    public static Activity? StartSearch() => Source.StartActivity("kenpobot.search");

    /// <summary>Closes a turn: tags its span and records the answer metrics.</summary>
    public static void RecordAnswer(Activity? turn, Answer answer, TimeSpan elapsed)
    {
        var intent = new KeyValuePair<string, object?>("intent", answer.Intent.ToString());
        turn?.SetTag("kenpobot.intent", answer.Intent.ToString());
        turn?.SetTag("kenpobot.tool_calls", answer.ToolCalls.Count);
        turn?.SetTag("kenpobot.citations", answer.Citations.Count);
        Answers.Add(1, intent);
        if (global::KenpoBot.Assistant.NotInDocuments.Is(answer)) NotInDocuments.Add(1);
        AnswerDuration.Record(elapsed.TotalMilliseconds, intent);
    }

    /// <summary>The evaluations a KPI function returned (0 for its null); null for functions that return none.</summary>
    private static int? EvaluationCount(Type? returnType, object? value) => value switch
    {
        KpiEvaluationView => 1,
        IReadOnlyCollection<KpiEvaluationView> list => list.Count,
        ScopeStatus status => status.Kpis.Count,
        null when returnType == typeof(KpiEvaluationView) || returnType == typeof(ScopeStatus)
            || typeof(IEnumerable<KpiEvaluationView>).IsAssignableFrom(returnType) => 0,
        _ => null,
    };

    private static IndexStatus? IndexStatus() =>
        Volatile.Read(ref observedIndex) is { } weak && weak.TryGetTarget(out var index) ? index.Status : null;

    private static IEnumerable<Measurement<long>> ObserveGeneration() => IndexStatus() is { } s
        ? [new Measurement<long>(s.BuiltAt.ToUnixTimeSeconds(), new KeyValuePair<string, object?>("generation", s.Generation))]
        : [];

    private static IEnumerable<Measurement<int>> ObserveEntries() => IndexStatus() is { } s ? [new Measurement<int>(s.EntryCount)] : [];
}
