using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KenpoBot.Tests.Shared;

namespace KenpoBot.Host.Tests;

/// <summary>`serve` as its own process on a free loopback port (unauthenticated local mode), for tests that need two bots or a restart.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private int disposed;

    private ServeProcess(Process process, int port)
    {
        this.process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = RedisServer.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = KenpoProcess.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { KenpoProcess.HostDll, "serve", "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        start.Environment["KenpoBot__IndexPath"] = Path.Combine(Path.GetTempPath(), "kenpobot-host-tests-index");
        start.Environment["MicrosoftAppId"] = "";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var server = new ServeProcess(Process.Start(start)!, port);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (server.process.HasExited) throw new InvalidOperationException("serve stopped: " + server.Output);
            try
            {
                using var health = await server.Client.GetAsync(new Uri(server.BaseUrl, "/healthz"));
                if (health.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("serve did not become healthy: " + server.Output);
            await Task.Delay(200);
        }
    }

    /// <summary>Posts a Teams-style message with deliveryMode expectReplies; returns the status and the body (the replies).</summary>
    public async Task<(HttpStatusCode Status, string Body)> AskAsync(string conversationId, string text, string userId = "29:user-1")
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = "http://localhost:56150",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "利用者" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "KenpoBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
            ["text"] = text,
            ["deliveryMode"] = "expectReplies",
        };
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri(BaseUrl, "/api/messages"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Kills the process (as a crash would); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
