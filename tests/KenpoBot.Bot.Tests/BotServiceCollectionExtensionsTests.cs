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

        // The host may wrap the validation failure in an AggregateException.
        var failures = (ex is AggregateException all ? all.InnerExceptions : [ex!]).OfType<OptionsValidationException>().SelectMany(e => e.Failures);
        Assert.Contains(failures, f => f.Contains("KenpoBot:MaxQuestionLength は 10 から 100000 の間です。", StringComparison.Ordinal));
    }
}
