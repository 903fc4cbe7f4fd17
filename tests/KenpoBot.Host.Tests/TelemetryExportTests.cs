using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KenpoBot.Host.Tests;

/// <summary>OTLP export of the real host (traces, metrics, logs): on only when OTEL_EXPORTER_OTLP_ENDPOINT is set, and without the question's text.</summary>
public sealed class TelemetryExportTests
{
    private const string Question = "秋田支部の令和5年度の事業者健診データ取得率は？";

    [Fact]
    public async Task Ask_WithOtlpEndpoint_PostsTracesAndMetricsOverHttpProtobufWithoutTheQuestion()
    {
        using var collector = new OtlpCollector();

        var result = await KenpoProcess.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, null, "ask", Question);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var traces = Assert.Single(collector.Requests, r => r.Path == "/v1/traces");
        Assert.Equal("POST", traces.Method);
        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.Contains("kenpobot.turn", Encoding.UTF8.GetString(traces.Body));
        Assert.Contains("evaluate_kpi", Encoding.UTF8.GetString(traces.Body));
        var metrics = Assert.Single(collector.Requests, r => r.Path == "/v1/metrics");
        Assert.Contains("kenpobot.answers", Encoding.UTF8.GetString(metrics.Body));
        Assert.DoesNotContain(collector.Requests, r => Encoding.UTF8.GetString(r.Body).Contains(Question, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_WithOtlpEndpoint_PostsLogRecordsWithoutTheQuestion()
    {
        using var collector = new OtlpCollector();
        await using var bot = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });

        Assert.Equal(HttpStatusCode.OK, (await bot.AskAsync("a:otlp-logs", Question)).Status);
        // Polled (the exporter batches): the start-up warning of unauthenticated mode, and the turn's span after the question.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(Received(collector, "/v1/logs", "unauthenticated local mode") && Received(collector, "/v1/traces", "kenpobot.turn")) && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var logs = Assert.Single(collector.Requests, r => r.Path == "/v1/logs" && Encoding.UTF8.GetString(r.Body).Contains("unauthenticated local mode", StringComparison.Ordinal));
        Assert.Equal("application/x-protobuf", logs.ContentType);
        Assert.Contains("KenpoBot.Bot.BotStartupCheck", Encoding.UTF8.GetString(logs.Body));
        Assert.True(Received(collector, "/v1/traces", "kenpobot.turn"), string.Join(", ", collector.Requests.Select(r => r.Path)));
        Assert.DoesNotContain(collector.Requests, r => Encoding.UTF8.GetString(r.Body).Contains(Question, StringComparison.Ordinal));
    }

    private static bool Received(OtlpCollector collector, string path, string text) =>
        collector.Requests.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Ask_WithoutOtlpEndpoint_SendsNothingEvenToSignalEndpoints()
    {
        using var collector = new OtlpCollector();

        var result = await KenpoProcess.RunWithEnvironmentAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = collector.Url + "/v1/traces",
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = collector.Url + "/v1/metrics",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, null, "ask", Question);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Empty(collector.Requests);
    }

    /// <summary>A loopback HTTP listener that answers every request with an empty OTLP response and keeps it.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task loop;

        public OtlpCollector()
        {
            Url = $"http://127.0.0.1:{FreePort()}";
            listener.Prefixes.Add(Url + "/");
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public ConcurrentQueue<Received> Requests { get; } = new();

        public sealed record Received(string Method, string Path, string? ContentType, byte[] Body);

        public void Dispose()
        {
            listener.Close();
            try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.ContentLength64 = 0;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
