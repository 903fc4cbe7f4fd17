using System.Net;
using System.Text.Json;
using KenpoBot.Tests.Shared;

namespace KenpoBot.Host.Tests;

/// <summary>
/// Conversation memory in Redis across bot processes: a real redis-server on a free loopback port, real `serve` and `ask`
/// processes with ConnectionStrings__Redis. 003 line 942: 岩手 令和5年度 事業者健診データ取得率 11.6%.
/// </summary>
public sealed class RedisConversationTests : IAsyncLifetime
{
    private const string Akita = "秋田支部の令和5年度の事業者健診データ取得率の実績は？";
    private const string Iwate = "じゃあ岩手は？";

    private RedisServer redis = null!;

    public async Task InitializeAsync() => redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await redis.DisposeAsync();

    private Dictionary<string, string> Environment() => new() { ["ConnectionStrings__Redis"] = redis.ConnectionString };

    private static string NewConversation() => "a:" + Guid.NewGuid().ToString("N");

    private static void AssertIwateFollowUp(string text)
    {
        Assert.Contains("岩手", text, StringComparison.Ordinal);
        Assert.Contains("事業者健診データ取得率", text, StringComparison.Ordinal);
        Assert.Contains("11.6%", text, StringComparison.Ordinal);
        Assert.True(text.Contains("令和5年度", StringComparison.Ordinal) || text.Contains("2023", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task Ask_InTwoProcesses_TheSecondAnswersTheFollowUpOfTheFirst()
    {
        var conversation = "cli-" + Guid.NewGuid().ToString("N");

        var first = await KenpoProcess.RunWithEnvironmentAsync(Environment(), null, "ask", "--json", "--conversation", conversation, Akita);
        var second = await KenpoProcess.RunWithEnvironmentAsync(Environment(), null, "ask", "--json", "--conversation", conversation, Iwate);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdErr);
        using var json = JsonDocument.Parse(second.StdOut);
        AssertIwateFollowUp(json.RootElement.GetProperty("answer").GetString()!);
        // Without Redis the second process starts a new conversation: the follow-up alone is not the 岩手 result.
        var alone = await KenpoProcess.RunAsync(null, "ask", "--json", "--conversation", conversation, Iwate);
        Assert.DoesNotContain("11.6%", alone.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_TwoBotsShareOneConversation_AndARestartedBotKeepsIt()
    {
        await using var first = await ServeProcess.StartAsync(Environment());
        await using var second = await ServeProcess.StartAsync(Environment());

        var shared = NewConversation();
        var asked = await first.AskAsync(shared, Akita);
        var followUp = await second.AskAsync(shared, Iwate);

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Equal(HttpStatusCode.OK, followUp.Status);
        AssertIwateFollowUp(followUp.Body);

        var kept = NewConversation();
        Assert.Equal(HttpStatusCode.OK, (await first.AskAsync(kept, Akita)).Status);
        await first.DisposeAsync();
        await using var restarted = await ServeProcess.StartAsync(Environment());
        var afterRestart = await restarted.AskAsync(kept, Iwate);

        Assert.Equal(HttpStatusCode.OK, afterRestart.Status);
        AssertIwateFollowUp(afterRestart.Body);
    }

    [Fact]
    public async Task Serve_RedisStoppedMidRun_AnswersWithoutHistory_AndReconnectsWhenItIsBack()
    {
        await using var bot = await ServeProcess.StartAsync(Environment());
        var conversation = NewConversation();
        Assert.Equal(HttpStatusCode.OK, (await bot.AskAsync(conversation, Akita)).Status);

        await redis.StopAsync();
        var withoutHistory = await bot.AskAsync(conversation, Iwate);
        var direct = await bot.AskAsync(NewConversation(), "岩手支部の令和5年度の事業者健診データ取得率の実績は？");

        Assert.Equal(HttpStatusCode.OK, withoutHistory.Status);
        Assert.DoesNotContain("11.6%", withoutHistory.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, direct.Status);
        Assert.Contains("11.6%", direct.Body, StringComparison.Ordinal);

        await redis.RestartAsync();
        var again = NewConversation();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        (HttpStatusCode Status, string Body) reconnected;
        do
        {
            await Task.Delay(500);
            Assert.Equal(HttpStatusCode.OK, (await bot.AskAsync(again, Akita)).Status);
            reconnected = await bot.AskAsync(again, Iwate);
        }
        while (!reconnected.Body.Contains("11.6%", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        AssertIwateFollowUp(reconnected.Body);
        Assert.Single(bot.Output.Split('\n'), line => line.Contains("Conversation memory in Redis could not", StringComparison.Ordinal));
    }
}
