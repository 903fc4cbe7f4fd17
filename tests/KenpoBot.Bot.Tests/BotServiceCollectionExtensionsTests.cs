using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Tests;

public sealed class BotServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Start_WithoutAppId_WarnsAboutUnauthenticatedMode()
    {
        await using var bot = await BotServer.StartAsync();

        var warning = Assert.Single(bot.Logs.Entries, e => e.Category == typeof(BotStartupCheck).FullName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("MicrosoftAppId is empty: the bot runs in unauthenticated local mode.", warning.Message);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Start_UnauthenticatedOnAPublicAddress_Refuses(string urls)
    {
        var ex = await Record.ExceptionAsync(() => BotServer.StartAsync(urls: urls));

        var failure = Assert.Single(Failures(ex));
        Assert.StartsWith("MicrosoftAppId が空（認証なし）のまま、ループバック以外のアドレス（", failure);
        Assert.Contains("KenpoBot:AllowUnauthenticated を true にしてください。", failure);
    }

    [Fact]
    public async Task Start_UnauthenticatedOnAPublicAddressWhenAllowed_StartsWithALoudWarning()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:AllowUnauthenticated"] = "true" }, urls: "http://0.0.0.0:0");

        var warning = Assert.Single(bot.Logs.Entries, e => e.Category == typeof(BotStartupCheck).FullName);
        Assert.Equal(LogLevel.Critical, warning.Level);
        Assert.Contains("ANYONE WHO CAN REACH THIS ENDPOINT", warning.Message);
    }

    [Fact]
    public async Task Start_AuthenticatedOnAPublicAddress_Starts()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "secret",
        }, urls: "http://0.0.0.0:0");

        Assert.Contains(bot.Logs.Entries, e => e.Message.StartsWith("Bot authentication enabled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://localhost:3978", true)]
    [InlineData("http://LOCALHOST:3978", true)]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://127.1.2.3:3978", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://[::]:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://+:3978", false)]
    [InlineData("http://192.168.1.10:3978", false)]
    [InlineData("http://bot.example.com:3978", false)]
    [InlineData("http://localhost.example.com:3978", false)]
    [InlineData("not an address", false)]
    public void IsLoopback_OnlyLocalhostAndLoopbackAddresses(string address, bool expected)
    {
        Assert.Equal(expected, BotStartupCheck.IsLoopback(address));
    }

    [Fact]
    public async Task Start_HalfConfiguredIdentity_FailsWithTheJapaneseReason()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "secret",
        }));

        Assert.Contains("MicrosoftAppType が SingleTenant のときは MicrosoftAppTenantId を設定してください。", ex.Failures);
    }

    [Fact]
    public async Task Start_UserAssignedMsiWithoutAppId_FailsWithTheJapaneseReason()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "UserAssignedMSI",
        }));

        Assert.Contains("MicrosoftAppType が UserAssignedMSI のときは MicrosoftAppId（マネージド ID のクライアント ID）を設定してください。", ex.Failures);
    }

    [Fact]
    public async Task Start_BadFrontEndLimit_FailsWithTheJapaneseReason()
    {
        var ex = await Record.ExceptionAsync(() => BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["KenpoBot:MaxQuestionLength"] = "5",
        }));

        Assert.Contains(Failures(ex), f => f.Contains("KenpoBot:MaxQuestionLength は 10 から 100000 の間です。", StringComparison.Ordinal));
    }

    /// <summary>The validation failures of a failed start; the host may wrap them in an AggregateException.</summary>
    private static IEnumerable<string> Failures(Exception? ex) =>
        (ex is AggregateException all ? all.InnerExceptions : [ex!]).OfType<OptionsValidationException>().SelectMany(e => e.Failures);
}
