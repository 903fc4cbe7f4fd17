using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;

namespace KenpoBot.EndToEnd.Tests;

/// <summary>
/// The real bot (src/KenpoBot, `serve`), Microsoft 365 Agents Playground in front of it (channel msteams), and Debian's
/// Chromium driven by Playwright on the Playground's page. Every request that leaves localhost is blocked.
/// </summary>
public class PlaygroundFixture : IAsyncLifetime
{
    /// <summary>How long start-up may take: a fresh machine's first Chromium builds its font cache while other test assemblies run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    private readonly List<Process> processes = [];
    private readonly List<string> logPaths = [];
    private IPlaywright? playwright;

    public static string Root { get; } = FindRoot();

    public static string Artifacts { get; } = Path.Combine(Root, "TestResults", "e2e");

    public IBrowserContext Browser { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    public string PlaygroundUrl { get; private set; } = "";

    /// <summary>The bot's own address (http://127.0.0.1:port), for sending it an activity as Teams would.</summary>
    public string BotUrl { get; private set; } = "";

    /// <summary>Where the bot keeps feedback (KenpoBot:FeedbackPath), a fresh SQLite file per run.</summary>
    public string FeedbackPath { get; } = Path.Combine(Path.GetTempPath(), "kenpobot-e2e-feedback-" + Guid.NewGuid().ToString("N") + ".db");

    /// <summary>Every JSON frame the page received from the Playground over its WebSocket: the bot's activities as the client got them.</summary>
    public ConcurrentQueue<JsonElement> Frames { get; } = new();

    /// <summary>Settings a derived fixture adds to the bot's environment (e.g. a model), started before the bot.</summary>
    protected virtual Task<Dictionary<string, string>> BotEnvironmentAsync() => Task.FromResult(new Dictionary<string, string>());

    /// <summary>Prefixes the log and welcome screenshot names of a derived fixture, which runs beside this one.</summary>
    protected virtual string Prefix => "";

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch (Exception ex)
        {
            // CI prints only the message: carry the processes' last log lines in it.
            var logs = string.Join(" ", logPaths.Select(path => $"[{Path.GetFileName(path)}: {Tail(ReadShared(path))}]"));
            throw new InvalidOperationException($"{ex.GetType().Name}: {ex.Message} {logs}", ex);
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(Artifacts);
        var playgroundDir = Path.Combine(Root, "tests", "KenpoBot.EndToEnd.Tests", "playground");
        await InstallPlaygroundAsync(playgroundDir);
        var botPort = FreePort();
        var playgroundPort = FreePort();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var environment = new Dictionary<string, string>
        {
            ["KenpoBot__IndexPath"] = Path.Combine(Path.GetTempPath(), "kenpobot-e2e-index"),
            ["KenpoBot__FeedbackPath"] = FeedbackPath,
            // Unauthenticated, the bot replies only to listed service URLs: the Playground's connector on its port.
            ["KenpoBot__UnauthenticatedServiceUrls__0"] = $"http://localhost:{playgroundPort}",
        };
        foreach (var (key, value) in await BotEnvironmentAsync()) environment[key] = value;
        var bot = Start("dotnet", Root, [Path.Combine(Root, "src", "KenpoBot", "bin", configuration, "net10.0", "KenpoBot.dll"), "serve", "--urls", $"http://127.0.0.1:{botPort}"],
            environment, Prefix + "bot");
        BotUrl = $"http://127.0.0.1:{botPort}";
        using var http = new HttpClient();
        await WaitFor(async () => (await http.GetAsync($"http://127.0.0.1:{botPort}/healthz")).IsSuccessStatusCode, Patience, "the bot's /healthz", bot);

        var playground = Start(Path.Combine(playgroundDir, "node_modules", ".bin", "agentsplayground"), playgroundDir,
            ["-e", $"http://127.0.0.1:{botPort}/api/messages", "-c", "msteams", "--disable-telemetry", "-p", playgroundPort.ToString()],
            // A no-op xdg-open first on PATH: the Playground opens a browser at start and dies where it cannot.
            new() { ["PATH"] = playgroundDir + ":" + Environment.GetEnvironmentVariable("PATH") }, Prefix + "playground");
        PlaygroundUrl = $"http://127.0.0.1:{playgroundPort}";
        await WaitFor(async () => (await http.GetStringAsync($"{PlaygroundUrl}/_debug/ping")).Contains("pong"), Patience, "the Playground's ping", playground);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchPersistentContextAsync(Path.Combine(Path.GetTempPath(), "kenpobot-e2e-profile-" + Guid.NewGuid().ToString("N")), new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        await Browser.RouteAsync("**/*", route =>
        {
            var host = new Uri(route.Request.Url).Host;
            return host is "127.0.0.1" or "localhost" ? route.ContinueAsync() : route.AbortAsync();
        });
        Page = Browser.Pages.Count > 0 ? Browser.Pages[0] : await Browser.NewPageAsync();
        Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            if (frame.Text is not { Length: > 0 } text) return;
            try { Frames.Enqueue(JsonDocument.Parse(text).RootElement.Clone()); } catch (JsonException) { }
        };
        await Page.GotoAsync(PlaygroundUrl);
        await Page.Locator("div[role=\"textbox\"][contenteditable=\"true\"]").WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        // The page load adds the bot to the chat: wait for its welcome card, so that it cannot arrive after the first answer.
        await Page.Locator(".fai-OutputCard", new() { HasText = "KenpoBot へようこそ" }).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, Prefix + "0-welcome.png") });
    }

    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>
    /// `npm ci` in the Playground's folder unless .ci/prerequisites did it; once per test process (two fixtures share the folder).
    /// A failure names npm's own last lines, so that CI's output says why.
    /// </summary>
    private static async Task InstallPlaygroundAsync(string playgroundDir)
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(playgroundDir, "node_modules", ".bin", "agentsplayground"))) return;
            var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = playgroundDir, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var npm = Process.Start(start)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            var log = (await output) + (await errors);
            await File.WriteAllTextAsync(Path.Combine(Artifacts, "npm.log"), log);
            if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci failed in {playgroundDir} (exit {npm.ExitCode}): {Tail(log)}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The last lines of a log, for an exception message.</summary>
    private static string Tail(string log, int lines = 12) =>
        string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));

    /// <summary>Types a question as a user does, and waits for the bot's next reply to render.</summary>
    public async Task<ILocator> AskAsync(string question, string screenshot)
    {
        var cards = Page.Locator(".fai-OutputCard");
        var before = await cards.CountAsync();
        var box = Page.Locator("div[role=\"textbox\"][contenteditable=\"true\"]");
        await box.FillAsync(question);
        await box.PressAsync("Enter");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // The user's own message and the bot's reply both appear; wait until the newest card is not the question.
        while (DateTime.UtcNow < deadline)
        {
            var count = await cards.CountAsync();
            if (count > before)
            {
                var last = cards.Nth(count - 1);
                var text = await last.InnerTextAsync();
                if (!text.Contains(question, StringComparison.Ordinal) || text.Length > question.Length + 40)
                {
                    await Task.Delay(300);
                    await Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, screenshot), FullPage = true });
                    return cards.Nth(await cards.CountAsync() - 1);
                }
            }
            await Task.Delay(200);
        }
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "timeout-" + screenshot), FullPage = true });
        throw new TimeoutException($"No reply rendered for 「{question}」.");
    }

    /// <summary>
    /// Asks <paramref name="question"/> and returns the new bot message holding an Adaptive Card with <paramref name="text"/>
    /// (an answer's text may come first as a message of its own).
    /// </summary>
    public async Task<ILocator> AskForCardAsync(string question, string text, string screenshot)
    {
        var cards = Page.Locator(".fai-OutputCard", new() { Has = Page.Locator(".ac-adaptiveCard"), HasText = text });
        var before = await cards.CountAsync();
        await AskAsync(question, screenshot);
        var card = cards.Nth(before);
        await card.WaitForAsync(new() { Timeout = 30_000 });
        return card;
    }

    /// <summary>The activities the bot posted to the Playground (from its log frames), oldest first.</summary>
    public List<JsonElement> SentActivities() =>
        [.. Frames.Where(f => f.TryGetProperty("logAction", out var a) && a.GetString() == "appendLog"
                && f.GetProperty("log").TryGetProperty("from", out var from) && from.GetString() == "User Application"
                && f.GetProperty("log").TryGetProperty("request", out var request) && request.TryGetProperty("body", out _))
            .Select(f => f.GetProperty("log").GetProperty("request").GetProperty("body"))];

    /// <summary>A screenshot of one element, whole: the viewport is made tall enough for it first.</summary>
    public async Task ShootAsync(ILocator element, string name)
    {
        var box = await element.BoundingBoxAsync();
        var size = Page.ViewportSize!;
        if (box is not null && box.Height + 200 > size.Height) await Page.SetViewportSizeAsync(size.Width, (int)box.Height + 300);
        await element.ScrollIntoViewIfNeededAsync();
        await element.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, name) });
        await Page.SetViewportSizeAsync(size.Width, size.Height);
    }

    private Process Start(string file, string workingDirectory, string[] args, Dictionary<string, string> environment, string name)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var logPath = Path.Combine(Artifacts, name + ".log");
        var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        logPaths.Add(logPath);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        return process;
    }

    private static async Task WaitFor(Func<Task<bool>> ready, TimeSpan timeout, string what, Process process)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{what}: the process exited with {process.ExitCode} (see {Artifacts}).");
            try
            {
                if (await ready()) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{what} did not answer within {timeout.TotalSeconds} s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KenpoBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("KenpoBot.sln not found above the test output.");
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        foreach (var process in processes)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.Dispose();
        }
    }
}
