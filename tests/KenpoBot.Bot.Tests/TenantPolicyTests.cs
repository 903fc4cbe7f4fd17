using System.Net;
using System.Text.Json.Nodes;
using KenpoBot.Bot.Tests.Support;

namespace KenpoBot.Bot.Tests;

/// <summary>KenpoBot:AllowedTenants end to end: a refused tenant gets a 403, is logged, gets no reply and leaves no memory.</summary>
public sealed class TenantPolicyTests : IAsyncLifetime
{
    private const string OwnTenant = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091";
    private const string OtherTenant = "99999999-9999-4999-9999-999999999999";

    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    private static JsonObject FromTenant(string serviceUrl, string? channelDataTenant, string? conversationTenant)
    {
        var activity = Activities.Message(serviceUrl, "返納金債権とは？");
        activity["channelData"] = channelDataTenant is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelDataTenant } };
        activity["conversation"]!["tenantId"] = conversationTenant;
        return activity;
    }

    [Theory]
    [InlineData(OtherTenant, OtherTenant)]
    [InlineData(OwnTenant, OtherTenant)]
    [InlineData(OtherTenant, OwnTenant)]
    [InlineData(null, null)]
    [InlineData("not-a-guid", null)]
    public async Task Post_TenantNotAllowed_Is403LoggedWithoutReplyOrMemory(string? channelDataTenant, string? conversationTenant)
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:AllowedTenants:0"] = OwnTenant }, _channel);

        var response = await bot.PostAsync(FromTenant(_channel.ServiceUrl(), channelDataTenant, conversationTenant));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("このテナントからの利用は許可されていません。", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
        Assert.Contains(bot.Logs.Entries, e => e.Message.StartsWith("Refused an activity from channel msteams: tenant", StringComparison.Ordinal));
        Assert.Empty(bot.Assistant.Asked);
        await Task.Delay(200);
        Assert.Empty(_channel.Requests);
    }

    [Theory]
    [InlineData(OwnTenant, OwnTenant)]
    [InlineData(OwnTenant, null)]
    [InlineData(null, "2B3C4D5E-6F70-4812-9A3B-4C5D6E7F8091")]
    public async Task Post_AllowedTenant_IsAnswered(string? channelDataTenant, string? conversationTenant)
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:AllowedTenants:0"] = OwnTenant }, _channel);

        var response = await bot.PostAsync(FromTenant(_channel.ServiceUrl(), channelDataTenant, conversationTenant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _channel.WaitForAsync(1));
    }

    [Fact]
    public async Task Post_NoAllowedTenants_AnyTenantIsAnswered()
    {
        await using var bot = await BotServer.StartAsync(replyTo: _channel);

        var response = await bot.PostAsync(FromTenant(_channel.ServiceUrl(), OtherTenant, OtherTenant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(OwnTenant, HttpStatusCode.OK)]
    [InlineData(OtherTenant, HttpStatusCode.Forbidden)]
    public async Task Post_SingleTenantBot_DefaultsToItsOwnTenant(string tenant, HttpStatusCode expected)
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["MicrosoftAppTenantId"] = OwnTenant,
            ["OpenIdMetadataUrl"] = _channel.ChannelMetadataUrl,
            ["EmulatorOpenIdMetadataUrl"] = _channel.AadMetadataUrl,
        });
        var serviceUrl = _channel.ServiceUrl("single");
        var activity = FromTenant(serviceUrl, tenant, tenant);
        activity["deliveryMode"] = "expectReplies";

        var response = await bot.PostAsync(activity, TestKeys.Shared.ChannelToken(serviceUrl));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, bot.Assistant.Asked.Count);
    }

    [Fact]
    public async Task Start_AllowedTenantNotAGuid_FailsWithTheJapaneseReason()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:AllowedTenants:0"] = "contoso.com" }));

        Assert.Contains("KenpoBot:AllowedTenants の「contoso.com」はテナント ID（GUID）ではありません。", ex.Failures);
    }
}
