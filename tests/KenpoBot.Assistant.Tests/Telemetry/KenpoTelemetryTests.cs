using System.Collections.Concurrent;
using System.Diagnostics;
using KenpoBot.Assistant.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KenpoBot.Assistant.Tests.Telemetry;

/// <summary>
/// Spans and metrics of real turns, collected by the SDK's in-memory exporter. The collection runs alone, after the parallel
/// ones, so that every span and measurement seen here comes from these tests.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class KenpoTelemetryTests(TelemetryFixture fixture) : IDisposable
{
    private const string KpiQuestion = "秋田支部の令和5年度の事業者健診データ取得率は？";
    private const string DocumentQuestion = "電子申請はいつ導入されますか";
    private const string WeatherQuestion = "明日の東京の天気は";

    private readonly List<Activity> spans = [];
    private readonly List<MetricSnapshot> metrics = [];
    private TracerProvider? tracing;
    private MeterProvider? meters;

    private IAssistant Assistant => fixture.Assistant.Assistant;

    [Fact]
    public async Task AskAsync_KpiQuestion_OneTurnSpanWithTheEvaluateKpiCallAsChild()
    {
        var (turn, call) = await OneCallTurnAsync(KpiQuestion);

        Assert.Equal(ActivityKind.Internal, turn.Kind);
        Assert.Equal("KpiValue", turn.GetTagItem("kenpobot.intent"));
        Assert.Equal("tool Kpi.evaluate_kpi", call.OperationName);
        Assert.Equal("Kpi", call.GetTagItem("kenpobot.tool.plugin"));
        Assert.Equal("evaluate_kpi", call.GetTagItem("kenpobot.tool.function"));
        Assert.Equal(1, call.GetTagItem("kenpobot.kpi.evaluations"));
        Assert.Equal(turn.TraceId, call.TraceId);
    }

    [Fact]
    public async Task AskAsync_DocumentQuestion_SearchSpanWithHitsUnderTheSearchPlansCall()
    {
        var (turn, call) = await OneCallTurnAsync(DocumentQuestion);

        Assert.Equal("Search", turn.GetTagItem("kenpobot.intent"));
        Assert.Equal("tool Knowledge.search_plans", call.OperationName);
        Assert.Null(call.GetTagItem("kenpobot.kpi.evaluations"));
        var search = Assert.Single(spans, s => s.OperationName == "kenpobot.search");
        Assert.Equal(call.SpanId, search.ParentSpanId);
        Assert.InRange(Assert.IsType<int>(search.GetTagItem("kenpobot.search.hits")), 1, 10);
    }

    [Fact]
    public async Task AskAsync_ThreeQuestions_CountsAnswersByIntentAndTheOneNotInTheDocuments()
    {
        Listen();

        foreach (var question in new[] { KpiQuestion, DocumentQuestion, WeatherQuestion })
            await Assistant.AskAsync(Guid.NewGuid().ToString("N"), question, CancellationToken.None);
        meters!.ForceFlush();

        var answers = Points("kenpobot.answers");
        Assert.Equal(1, answers.Single(p => Tag(p, "intent") == "KpiValue").GetSumLong());
        Assert.Equal(1, answers.Single(p => Tag(p, "intent") == "Search").GetSumLong());
        Assert.Equal(1, answers.Single(p => Tag(p, "intent") == "OutOfScope").GetSumLong());
        Assert.Equal(3, answers.Count);
        Assert.Equal(1, Assert.Single(Points("kenpobot.answers.not_in_documents")).GetSumLong());
        Assert.Equal(3, Points("kenpobot.answer.duration").Sum(p => p.GetHistogramCount()));
        Assert.True(Points("kenpobot.answer.duration").All(p => p.GetHistogramSum() > 0));
    }

    [Fact]
    public async Task AskAsync_AnyQuestion_TextInNoSpanTagAndInNoLogAboveDebug()
    {
        Listen();
        fixture.Logs.Clear();

        foreach (var question in new[] { KpiQuestion, DocumentQuestion, WeatherQuestion })
            await Assistant.AskAsync(Guid.NewGuid().ToString("N"), question, CancellationToken.None);
        tracing!.ForceFlush();

        Assert.Equal(3, spans.Count(s => s.OperationName == "kenpobot.turn"));
        foreach (var question in new[] { KpiQuestion, DocumentQuestion, WeatherQuestion })
        {
            Assert.DoesNotContain(spans, s => s.OperationName.Contains(question, StringComparison.Ordinal)
                || s.TagObjects.Any(t => t.Value?.ToString()?.Contains(question, StringComparison.Ordinal) == true));
            Assert.DoesNotContain(fixture.Logs, l => l.Level >= LogLevel.Information && l.Message.Contains(question, StringComparison.Ordinal));
            // The capture does see the question, at Debug: the check above is not vacuous.
            Assert.Contains(fixture.Logs, l => l.Level == LogLevel.Debug && l.Message.Contains(question, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void IndexGauge_HostObservesItsIndex_ReportsTheServingGeneration()
    {
        Listen();

        KenpoTelemetry.ObserveIndex(fixture.Assistant.Index);
        meters!.ForceFlush();

        var status = fixture.Assistant.Index.Status!;
        var generation = Assert.Single(Points("kenpobot.index.generation"));
        Assert.Equal(status.BuiltAt.ToUnixTimeSeconds(), generation.GetGaugeLastValueLong());
        Assert.Equal(status.Generation, Tag(generation, "generation"));
        Assert.Equal(status.EntryCount, Assert.Single(Points("kenpobot.index.entries")).GetGaugeLastValueLong());
    }

    public void Dispose()
    {
        tracing?.Dispose();
        meters?.Dispose();
    }

    private void Listen()
    {
        tracing = Sdk.CreateTracerProviderBuilder().AddSource(KenpoTelemetry.Name).AddInMemoryExporter(spans).Build();
        meters = Sdk.CreateMeterProviderBuilder().AddMeter(KenpoTelemetry.Name).AddInMemoryExporter(metrics).Build();
    }

    /// <summary>Asks one question; its one turn span and the one span directly under it.</summary>
    private async Task<(Activity Turn, Activity Call)> OneCallTurnAsync(string question)
    {
        Listen();
        await Assistant.AskAsync(Guid.NewGuid().ToString("N"), question, CancellationToken.None);
        tracing!.ForceFlush();
        var turn = Assert.Single(spans, s => s.OperationName == "kenpobot.turn");
        return (turn, Assert.Single(spans, s => s.ParentSpanId == turn.SpanId));
    }

    /// <summary>The points of the last export of a metric.</summary>
    private List<MetricPoint> Points(string name) => metrics.Last(m => m.Name == name).MetricPoints.ToList();

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }
}

/// <summary>An assistant of its own whose logs are captured at every level.</summary>
public sealed class TelemetryFixture : IDisposable
{
    public TelemetryFixture() =>
        Assistant = new AssistantFixture(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CaptureProvider(Logs)));

    public AssistantFixture Assistant { get; }

    public ConcurrentQueue<LogRecord> Logs { get; } = new();

    public void Dispose() => Assistant.Dispose();

    public sealed record LogRecord(LogLevel Level, string Message);

    private sealed class CaptureProvider(ConcurrentQueue<LogRecord> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CaptureLogger(logs);

        public void Dispose()
        {
        }
    }

    private sealed class CaptureLogger(ConcurrentQueue<LogRecord> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new LogRecord(logLevel, formatter(state, exception)));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
