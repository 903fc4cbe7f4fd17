using KenpoBot.Bot.Auth;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>
/// In unauthenticated local mode, accepts only loopback Host headers (any port), so a web page reaching the bot through a
/// rebound DNS name gets a bare 400: localhost, 127.0.0.1, [::1], and any other loopback address the bot is bound to
/// (<c>--urls http://127.0.0.2:3978</c>, which the start check allows). Authenticated mode, or an exposure allowed on purpose,
/// keeps the configured AllowedHosts.
/// </summary>
public sealed class LoopbackHostFiltering(IOptions<BotAuthenticationOptions> authentication, IOptions<BotSecurityOptions> security, IConfiguration configuration)
    : IPostConfigureOptions<HostFilteringOptions>
{
    /// <summary>Host names without ports, as HostFilteringOptions wants them (IPv6 in brackets).</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public void PostConfigure(string? name, HostFilteringOptions options)
    {
        if (authentication.Value.IsAuthenticationEnabled || security.Value.AllowUnauthenticated) return;
        options.AllowedHosts = [.. LoopbackHosts.Concat(BoundLoopbackHosts(configuration[WebHostDefaults.ServerUrlsKey])).Distinct(StringComparer.OrdinalIgnoreCase)];
        options.IncludeFailureMessage = false;
    }

    /// <summary>The hosts of the configured addresses that are loopback IP literals (wildcards and names are not).</summary>
    public static IEnumerable<string> BoundLoopbackHosts(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BotStartupCheck.Parse)
            .Where(b => b is { IsUnixPipe: false, IsNamedPipe: false } && BotStartupCheck.IsLoopbackLiteral(b.Host))
            .Select(b => b!.Host);
}
