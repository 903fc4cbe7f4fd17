using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Bot.Tests;

/// <summary>Model answers streamed to a personal chat, checked as the activities the loopback connector receives.</summary>
public sealed class StreamingTests : IAsyncLifetime
{
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);
    private FakeChannel _channel = null!;
    private BotServer _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = await BotServer.StartAsync(replyTo: _channel, services: s => s.AddSingleton<TimeProvider>(_time));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private static readonly Citation Plan = new("akita-2025", "秋田支部 令和7年度 事業計画", "重点施策", "2025", "秋田", "特定保健指導の実施率を向上させる。");

    /// <summary>Informs, then writes in four deltas; the clock moves past the throttle only before the second and the fourth.</summary>
    private async Task<Answer> ModelAsync(string question, IAnswerStream? stream, CancellationToken ct)
    {
        if (stream is not null)
        {
            await stream.InformAsync("資料を検索しています…", ct);
            _time.Advance(TimeSpan.FromSeconds(2));
            await stream.AppendAsync("秋田支部は", ct);
            await stream.AppendAsync("特定保健指導の", ct);
            await stream.AppendAsync("実施率を", ct);
            _time.Advance(TimeSpan.FromSeconds(2));
            await stream.AppendAsync("向上させる。", ct);
        }
        return new Answer(question, Intent.Search, "秋田支部は特定保健指導の実施率を向上させる。", [Plan], [], []) { ByModel = true };
    }

    private static JsonObject? StreamInfo(JsonObject activity) =>
        activity["entities"]?.AsArray().OfType<JsonObject>().SingleOrDefault(e => (string?)e["type"] == "streaminfo");

    [Fact]
    public async Task PersonalChat_InformativeThenThrottledTextThenTheFinalMessage()
    {
        _bot.Assistant.StreamScript = ModelAsync;

        await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "秋田支部の重点施策は？"));
        await _channel.WaitForAsync(1, r => (string?)r.Body?["type"] == "message" && StreamInfo(r.Body!)?["streamType"]?.GetValue<string>() == "final");
        var sent = _channel.Requests.ToList();

        Assert.Equal(["typing", "typing", "typing", "message"], sent.Select(r => (string?)r.Body!["type"]));
        var streamId = sent[0].ResponseId!;
        var first = StreamInfo(sent[0].Body!)!;
        Assert.Equal("informative", (string?)first["streamType"]);
        Assert.Equal(1, (int)first["streamSequence"]!);
        Assert.Null(first["streamId"]);
        Assert.Equal("資料を検索しています…", (string?)sent[0].Body!["text"]);

        Assert.Equal("秋田支部は", (string?)sent[1].Body!["text"]);
        Assert.Equal("秋田支部は特定保健指導の実施率を向上させる。", (string?)sent[2].Body!["text"]);
        for (var i = 1; i <= 2; i++)
        {
            var info = StreamInfo(sent[i].Body!)!;
            Assert.Equal("streaming", (string?)info["streamType"]);
            Assert.Equal(i + 1, (int)info["streamSequence"]!);
            Assert.Equal(streamId, (string?)info["streamId"]);
        }

        var final = sent[3].Body!;
        var finalInfo = StreamInfo(final)!;
        Assert.Equal("final", (string?)finalInfo["streamType"]);
        Assert.Equal(streamId, (string?)finalInfo["streamId"]);
        Assert.Null(finalInfo["streamSequence"]);
        Assert.Equal("秋田支部は特定保健指導の実施率を向上させる。[1]", (string?)final["text"]);
        Assert.True((bool)final["channelData"]!["feedbackLoopEnabled"]!);
        var message = final["entities"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["type"] == "https://schema.org/Message");
        Assert.Equal("AIGeneratedContent", (string?)message["additionalType"]![0]);
        Assert.Single(message["citation"]!.AsArray());

        // The card ends the stream with the text, in the same final message, and does not repeat the answer.
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)final["attachments"]![0]!["contentType"]);
        Assert.DoesNotContain(AnswerMessagesTests.CardTexts(final["attachments"]![0]!["content"]), t => t.Contains("向上させる", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupChat_NoStream_OneMessage()
    {
        _bot.Assistant.StreamScript = ModelAsync;
        var activity = Activities.Message(_channel.ServiceUrl(), "秋田支部の重点施策は？");
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["conversation"]!["isGroup"] = true;

        await _bot.PostAsync(activity);
        await _channel.WaitForAsync(1, r => (string?)r.Body?["type"] == "message");

        Assert.False(Assert.Single(_bot.Assistant.Streamed));
        // One message: the text with its citations and the card.
        var message = Assert.Single(_channel.Requests).Body!;
        Assert.Equal("秋田支部は特定保健指導の実施率を向上させる。[1]", (string?)message["text"]);
        Assert.Single(message["attachments"]!.AsArray());
        Assert.All(_channel.Requests, r => Assert.Equal("message", (string?)r.Body!["type"]));
        Assert.All(_channel.Requests, r => Assert.Null(StreamInfo(r.Body!)));
    }

    [Fact]
    public async Task ExpectReplies_NoStream()
    {
        _bot.Assistant.StreamScript = ModelAsync;

        var response = await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "秋田支部の重点施策は？", deliveryMode: "expectReplies"));

        Assert.False(Assert.Single(_bot.Assistant.Streamed));
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        Assert.Equal(["message"], replies.Select(r => (string?)r!["type"]));
        Assert.All(replies, r => Assert.Null(StreamInfo((JsonObject)r!)));
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task StreamUpdateRefused_TheAnswerStillArrivesAsAPlainMessage()
    {
        _bot.Assistant.StreamScript = ModelAsync;
        _channel.RespondWith(201, 403);

        await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "秋田支部の重点施策は？"));
        var message = (await _channel.WaitForAsync(1, r => (string?)r.Body?["type"] == "message" && r.ResponseId is not null))[0].Body!;

        Assert.Null(StreamInfo(message));
        Assert.Equal("秋田支部は特定保健指導の実施率を向上させる。[1]", (string?)message["text"]);
    }
}
