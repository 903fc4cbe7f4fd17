using KenpoBot.Bot.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>Says at start which mode the bot runs in, so an unauthenticated deployment is noticed.</summary>
public sealed partial class BotStartupCheck(IOptions<BotAuthenticationOptions> options, ILogger<BotStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.IsAuthenticationEnabled) LogAuthenticated(logger, o.MicrosoftAppType, o.MicrosoftAppId);
        else LogUnauthenticated(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: the bot runs in unauthenticated local mode. Requests are not authenticated and replies go only to loopback service URLs. Do not expose this endpoint.")]
    private static partial void LogUnauthenticated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot authentication enabled ({AppType}, app {AppId})")]
    private static partial void LogAuthenticated(ILogger logger, BotAppType appType, string appId);
}
