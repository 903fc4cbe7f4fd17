using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Tests.Support;

/// <summary>The bot front end on a real Kestrel server at 127.0.0.1 (port 0), with a scripted assistant.</summary>
public sealed class BotServer : IAsyncDisposable
{
    public const string ConnectorToken = "test-connector-token";

    private readonly WebApplication _app;

    private BotServer(WebApplication app, ScriptedAssistant assistant, RecordingConversationReset reset, ListLogger logs)
    {
        _app = app;
        Assistant = assistant;
        Reset = reset;
        Logs = logs;
    }

    public ScriptedAssistant Assistant { get; }

    public RecordingConversationReset Reset { get; }

    public ListLogger Logs { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri MessagesUrl { get; private set; } = null!;

    /// <summary>This server's feedback file (KenpoBot:FeedbackPath), in a temporary folder removed at dispose.</summary>
    public string FeedbackPath { get; private init; } = "";

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a bot. <paramref name="settings"/> are configuration keys (e.g. "MicrosoftAppId", "KenpoBot:TypingDelay");
    /// <paramref name="replyTo"/> is listed as the unauthenticated service URL; <paramref name="urls"/> is where it listens.
    /// </summary>
    public static async Task<BotServer> StartAsync(
        IDictionary<string, string?>? settings = null, FakeChannel? replyTo = null, string urls = "http://127.0.0.1:0", string environment = "Production",
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls(urls);
        var config = new Dictionary<string, string?>
        {
            ["KenpoBot:ConnectorRetryDelay"] = "00:00:00.010",
            ["KenpoBot:TypingDelay"] = "00:00:05",
            // Each server keeps its answers and reactions in a file of its own.
            ["KenpoBot:FeedbackPath"] = Path.Combine(Path.GetTempPath(), "kenpobot-bot-tests", Guid.NewGuid().ToString("N"), "data", "feedback.db"),
        };
        if (replyTo is not null) config["KenpoBot:UnauthenticatedServiceUrls:0"] = replyTo.BaseUrl;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.Configuration.AddInMemoryCollection(config);

        var logs = new ListLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);

        var assistant = new ScriptedAssistant();
        var reset = new RecordingConversationReset();
        services?.Invoke(builder.Services);
        builder.AddKenpoBotFrontEnd();
        builder.Services.AddSingleton<IAssistant>(assistant);
        builder.Services.AddSingleton<IConversationReset>(reset);
        builder.Services.AddSingleton<IConnectorTokenProvider>(new StaticTokenProvider(ConnectorToken));

        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();

        var server = new BotServer(app, assistant, reset, logs) { FeedbackPath = Path.GetFullPath(app.Configuration["KenpoBot:FeedbackPath"]!) };
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        server.MessagesUrl = new Uri(address + "/api/messages");
        return server;
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token = null) =>
        PostRawAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()), "application/json", token);

    public async Task<HttpResponseMessage> PostRawAsync(byte[] body, string? contentType, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUrl) { Content = new ByteArrayContent(body) };
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var root = Path.GetDirectoryName(Path.GetDirectoryName(FeedbackPath));
        if (root is not null && root.Contains("kenpobot-bot-tests", StringComparison.Ordinal) && Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private sealed class StaticTokenProvider(string token) : IConnectorTokenProvider
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }
}

/// <summary>Keeps log entries in memory so tests can check what was logged.</summary>
public sealed class ListLogger : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
