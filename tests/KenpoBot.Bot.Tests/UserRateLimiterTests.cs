using System.Net;
using System.Text.Json.Nodes;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Tests;

public sealed class UserRateLimiterTests
{
    private static UserRateLimiter Limiter(int perMinute, int burst) =>
        new(Options.Create(new RateLimitOptions { PermitsPerMinute = perMinute, Burst = burst }));

    private static Activity From(string id, string? aadObjectId = null, string channel = "msteams") =>
        new() { Type = ActivityTypes.Message, ChannelId = channel, From = new ChannelAccount { Id = id, AadObjectId = aadObjectId } };

    [Fact]
    public void TryAcquire_PastTheBurst_RefusesThatUserOnly()
    {
        using var limiter = Limiter(perMinute: 1, burst: 3);

        var first = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(From("29:a"))).ToList();

        Assert.Equal([true, true, true, false], first);
        Assert.True(limiter.TryAcquire(From("29:b")));
        Assert.True(limiter.TryAcquire(From("29:a", channel: "webchat")));
    }

    [Fact]
    public void TryAcquire_SameEntraObjectIdUnderAnotherChannelUserId_SharesOneBucket()
    {
        using var limiter = Limiter(perMinute: 1, burst: 1);

        Assert.True(limiter.TryAcquire(From("29:a", "00000000-0000-0000-0000-00000000000A")));
        Assert.False(limiter.TryAcquire(From("29:other", "00000000-0000-0000-0000-00000000000a")));
    }

    [Fact]
    public async Task TryAcquire_RefillsAtTheSteadyRate()
    {
        using var limiter = Limiter(perMinute: 600, burst: 1);   // one permit each 100 ms
        Assert.True(limiter.TryAcquire(From("29:a")));
        Assert.False(limiter.TryAcquire(From("29:a")));

        await Task.Delay(TimeSpan.FromMilliseconds(600));

        Assert.True(limiter.TryAcquire(From("29:a")));
    }

    [Fact]
    public void TryAcquire_ZeroPermitsPerMinute_IsNoLimit()
    {
        using var limiter = Limiter(perMinute: 0, burst: 1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(limiter.TryAcquire(From("29:a"))));
    }

    [Fact]
    public async Task Post_PastTheLimit_Answers200WithTheJapaneseMessage_AndDoesNotAsk()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = await BotServer.StartAsync(
            new Dictionary<string, string?> { ["KenpoBot:RateLimit:PermitsPerMinute"] = "1", ["KenpoBot:RateLimit:Burst"] = "2" }, channel);

        var texts = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var response = await bot.PostAsync(Activities.Message(channel.ServiceUrl(), $"質問{i}", deliveryMode: "expectReplies"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!;
            // An answer and a refusal both say it in the message text.
            texts.Add((string?)reply["text"]);
        }

        Assert.Equal(["回答: 質問0", "回答: 質問1", "短時間に多くの質問が届いたため、少し待ってからもう一度お試しください。"], texts);
        Assert.Equal(["質問0", "質問1"], bot.Assistant.Asked.Select(a => a.Question));
    }

    [Fact]
    public async Task Options_NegativePermits_FailAtStartInJapanese()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:RateLimit:PermitsPerMinute"] = "-1" }));

        Assert.Contains("KenpoBot:RateLimit:PermitsPerMinute は 0（制限なし）から 10000 の間です。", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }
}
