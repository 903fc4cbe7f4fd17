using System.Net;
using KenpoBot.Bot.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>
/// Refuses to start an unauthenticated bot on an address other machines can reach, unless
/// <see cref="BotSecurityOptions.AllowUnauthenticated"/> says so; and says at every start which mode the bot runs in.
/// The configured URLs are checked before the server starts, the addresses it really bound right after.
/// </summary>
public sealed partial class BotStartupCheck(
    IOptions<BotAuthenticationOptions> options,
    IOptions<BotSecurityOptions> security,
    IConfiguration configuration,
    IServer server,
    ILogger<BotStartupCheck> logger) : IHostedLifecycleService
{
    public const string ExposedMessage =
        "MicrosoftAppId が空（認証なし）のまま、ループバック以外のアドレス（{0}）で待ち受けようとしました。" +
        "MicrosoftAppId などを設定するか、--urls http://localhost:3978 のようにループバックだけで起動してください。" +
        "どうしても認証なしで公開する場合は KenpoBot:AllowUnauthenticated を true にしてください。";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var configured = configuration[WebHostDefaults.ServerUrlsKey];
        if (!string.IsNullOrWhiteSpace(configured)) Check(configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Check(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        var o = options.Value;
        if (o.IsAuthenticationEnabled) LogAuthenticated(logger, o.MicrosoftAppType, o.MicrosoftAppId);
        else if (security.Value.AllowUnauthenticated) LogExposedOnPurpose(logger);
        else LogUnauthenticated(logger);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check(IEnumerable<string> addresses)
    {
        if (options.Value.IsAuthenticationEnabled || security.Value.AllowUnauthenticated) return;
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count == 0) return;
        var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, ExposedMessage, string.Join(", ", exposed));
        throw new OptionsValidationException(nameof(BotSecurityOptions), typeof(BotSecurityOptions), [message]);
    }

    /// <summary>localhost, 127.0.0.0/8 or ::1. A wildcard (*, +, 0.0.0.0, [::]) or any other name or address is not.</summary>
    public static bool IsLoopback(string address) =>
        Parse(address) is { } binding
        && (binding.IsUnixPipe || binding.IsNamedPipe || string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase) || IsLoopbackLiteral(binding.Host));

    /// <summary>A listening address (<c>http://127.0.0.1:3978</c>), or null when it is not one.</summary>
    internal static BindingAddress? Parse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A loopback IP address written as a host (IPv6 in brackets or not).</summary>
    internal static bool IsLoopbackLiteral(string host) => IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is empty: the bot runs in unauthenticated local mode. Requests are not authenticated and replies go only to the service URLs in KenpoBot:UnauthenticatedServiceUrls. It listens on loopback only.")]
    private static partial void LogUnauthenticated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "!!! KenpoBot:AllowUnauthenticated is true and MicrosoftAppId is empty: ANYONE WHO CAN REACH THIS ENDPOINT CAN ASK THE BOT AND READ ITS ANSWERS (expectReplies), WITHOUT AUTHENTICATION. Set MicrosoftAppId for any shared deployment. !!!")]
    private static partial void LogExposedOnPurpose(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot authentication enabled ({AppType}, app {AppId})")]
    private static partial void LogAuthenticated(ILogger logger, BotAppType appType, string appId);
}
