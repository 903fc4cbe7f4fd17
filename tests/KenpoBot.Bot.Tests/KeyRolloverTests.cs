using System.Net;
using KenpoBot.Bot.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace KenpoBot.Bot.Tests;

/// <summary>Microsoft rolls its signing keys over: a token signed with a key the cached metadata does not list yet.</summary>
public sealed class KeyRolloverTests : IAsyncLifetime
{
    private readonly TestKeys _keys = new();
    private FakeChannel _channel = null!;
    private BotServer _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync(_keys);
        _bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["OpenIdMetadataUrl"] = _channel.ChannelMetadataUrl,
            ["EmulatorOpenIdMetadataUrl"] = _channel.AadMetadataUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private string ServiceUrl => _channel.ServiceUrl("rollover");

    private Task<HttpResponseMessage> PostAsync(string token) =>
        _bot.PostAsync(Activities.Message(ServiceUrl, "返納金債権とは？", deliveryMode: "expectReplies"), token);

    [Fact]
    public async Task Post_TokenSignedWithARotatedKey_RefreshesTheKeysOnceAndIs200()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_keys.ChannelToken(ServiceUrl))).StatusCode);
        Assert.Equal(1, _channel.ChannelKeyDownloads);

        var rotated = _keys.Rotate();
        var response = await PostAsync(_keys.ChannelToken(ServiceUrl, key: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _channel.ChannelKeyDownloads);
    }

    [Fact]
    public async Task Post_ConcurrentTokensWithTheRotatedKey_ShareOneRefresh()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_keys.ChannelToken(ServiceUrl))).StatusCode);

        var rotated = _keys.Rotate();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(_keys.ChannelToken(ServiceUrl, key: rotated))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, _channel.ChannelKeyDownloads);
    }

    [Fact]
    public async Task Post_UnknownKeysAgainAndAgain_AreRefusedWithoutADownloadEach()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_keys.ChannelToken(ServiceUrl))).StatusCode);

        for (var i = 0; i < 5; i++)
        {
            var stranger = new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "stranger-" + i };
            await BotAuthenticatorTests.AssertBare401Async(await PostAsync(_keys.ChannelToken(ServiceUrl, key: stranger)));
        }

        // The first unknown kid earns one refresh; the rest fall within the rate limit.
        Assert.Equal(2, _channel.ChannelKeyDownloads);
    }
}
