using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KenpoBot.Bot.Tests.Support;

namespace KenpoBot.Bot.Tests;

/// <summary>DNS rebinding: without MicrosoftAppId only loopback Host headers reach the bot; with it, the Host is not restricted.</summary>
public sealed class LoopbackHostFilteringTests
{
    private const string Question = "返納金債権とは？";

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:3978")]
    [InlineData("localhost.evil.example")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task Post_UnauthenticatedWithForeignHost_IsBare400AndNeverAsked(string host)
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = await BotServer.StartAsync(replyTo: channel);

        using var response = await PostAsync(bot, channel, host);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Assistant.Asked);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:3978")]
    [InlineData("127.0.0.1:3978")]
    [InlineData("[::1]:3978")]
    [InlineData("LOCALHOST:3978")]
    public async Task Post_UnauthenticatedWithLoopbackHost_IsAnswered(string host)
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = await BotServer.StartAsync(replyTo: channel);

        using var response = await PostAsync(bot, channel, host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("回答: " + Question, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("127.0.0.2:3978", HttpStatusCode.OK)]
    [InlineData("127.0.0.2", HttpStatusCode.OK)]
    [InlineData("127.0.0.3:3978", HttpStatusCode.BadRequest)]
    public async Task Post_BoundToAnotherLoopbackAddress_ThatHostIsAnswered_OthersAreNot(string host, HttpStatusCode expected)
    {
        // The start check allows any loopback address; the Host filter then accepts the one bound too.
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = await BotServer.StartAsync(replyTo: channel, urls: "http://127.0.0.2:0");

        using var response = await PostAsync(bot, channel, host);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, bot.Assistant.Asked.Count);
    }

    [Theory]
    [InlineData("http://127.0.0.2:3978", "127.0.0.2")]
    [InlineData("http://localhost:3978;http://127.0.0.5:80", "127.0.0.5")]
    [InlineData("http://0.0.0.0:3978", null)]
    [InlineData("http://[::1]:3978", "[::1]")]
    [InlineData("http://evil.example:3978", null)]
    public void BoundLoopbackHosts_AreTheLoopbackLiterals(string urls, string? expected)
    {
        Assert.Equal(expected is null ? [] : [expected], LoopbackHostFiltering.BoundLoopbackHosts(urls));
    }

    [Fact]
    public async Task Post_AuthenticatedWithPublicHost_IsAnswered()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["OpenIdMetadataUrl"] = channel.ChannelMetadataUrl,
            ["EmulatorOpenIdMetadataUrl"] = channel.AadMetadataUrl,
        });

        using var response = await PostAsync(bot, channel, "kenpobot.example.jp", authenticated: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("回答: " + Question, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(BotServer bot, FakeChannel channel, string host, bool authenticated = false)
    {
        var serviceUrl = channel.ServiceUrl("host");
        var activity = Activities.Message(serviceUrl, Question, deliveryMode: "expectReplies");
        using var request = new HttpRequestMessage(HttpMethod.Post, bot.MessagesUrl)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = host;
        if (authenticated) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Shared.ChannelToken(serviceUrl));
        return await bot.Client.SendAsync(request);
    }
}
