using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Tests;

public sealed class BotAdapterTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task TurnError_LogsApologisesAndResetsTheConversation()
    {
        await using var bot = await BotServer.StartAsync(replyTo: _channel);
        bot.Assistant.Script = (_, _) => throw new InvalidOperationException("search index missing");

        var response = await bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(await _channel.WaitForAsync(1));
        Assert.Equal("申し訳ありません。回答の準備中にエラーが発生しました。もう一度お試しください。", (string?)request.Body!["text"]);
        // The same key the assistant is asked with: channel, tenant and conversation.
        Assert.Equal("msteams/tenant-1/a%3A1%3Bmessageid%3D1700000000000", Assert.Single(bot.Reset.Reset));
        var error = Assert.Single(bot.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("Turn failed for a message activity from msteams in conversation a:1;messageid=1700000000000", error.Message);
        Assert.Equal("search index missing", error.Exception!.Message);
    }

    [Fact]
    public async Task TurnError_WithExpectReplies_ReturnsTheApologyInTheBody()
    {
        await using var bot = await BotServer.StartAsync(replyTo: _channel);
        bot.Assistant.Script = (_, _) => throw new InvalidOperationException("boom");

        var response = await bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？", deliveryMode: "expectReplies"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("申し訳ありません。回答の準備中にエラーが発生しました。もう一度お試しください。", (string?)Assert.Single(body["activities"]!.AsArray())!["text"]);
        Assert.Single(bot.Reset.Reset);
    }

    [Fact]
    public async Task TurnError_InInvoke_Returns200WithTheApology()
    {
        await using var bot = await BotServer.StartAsync(replyTo: _channel);
        bot.Assistant.Script = (_, _) => throw new InvalidOperationException("boom");
        var value = new JsonObject { ["action"] = new JsonObject { ["data"] = new JsonObject { ["question"] = "返納金債権とは？" } } };

        var response = await bot.PostAsync(Activities.Invoke(_channel.ServiceUrl(), "adaptiveCard/action", value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("申し訳ありません。回答の準備中にエラーが発生しました。もう一度お試しください。", (string?)body["value"]);
    }

    [Fact]
    public async Task TurnError_ConnectorDown_IsStill200AndLogged()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:ConnectorRetries"] = "1" }, _channel);
        _channel.RespondWith(500, 500, 500, 500);

        var response = await bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _channel.WaitForAsync(4);
        await WaitUntilAsync(() => bot.Logs.Entries.Any(e => e.Message.StartsWith("Could not send the apology", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SlowTurn_IsAcknowledgedAndRepliesLater()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:AcknowledgeAfter"] = "00:00:00.100" }, _channel);
        var release = new TaskCompletionSource();
        bot.Assistant.Script = async (q, _) =>
        {
            await release.Task;
            return ScriptedAssistant.Echo(q);
        };

        var watch = Stopwatch.StartNew();
        var response = await bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Empty(_channel.Messages);
        release.SetResult();
        var reply = Assert.Single(await _channel.WaitForAsync(1, r => (string?)r.Body?["type"] == "message"));
        Assert.Equal("1700000000001", (string?)reply.Body!["replyToId"]);
    }

    [Fact]
    public async Task SlowTurn_SendsTypingWhileWaiting()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:TypingDelay"] = "00:00:00.050" }, _channel);
        bot.Assistant.Script = async (q, ct) =>
        {
            await Task.Delay(1000, ct);
            return ScriptedAssistant.Echo(q);
        };

        await bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？"));

        var requests = await _channel.WaitForAsync(1, r => (string?)r.Body?["type"] == "message");
        var all = _channel.Requests.ToList();
        Assert.Equal("typing", (string?)all[0].Body!["type"]);
        Assert.Equal("message", (string?)all[^1].Body!["type"]);
        Assert.Single(requests);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }
}
