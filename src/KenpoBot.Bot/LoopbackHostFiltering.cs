using KenpoBot.Bot.Auth;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>
/// In unauthenticated local mode, accepts only loopback Host headers (any port), so a web page reaching the bot through a
/// rebound DNS name gets a bare 400. Authenticated mode, or an exposure allowed on purpose, keeps the configured AllowedHosts.
/// </summary>
public sealed class LoopbackHostFiltering(IOptions<BotAuthenticationOptions> authentication, IOptions<BotSecurityOptions> security)
    : IPostConfigureOptions<HostFilteringOptions>
{
    /// <summary>Host names without ports, as HostFilteringOptions wants them (IPv6 in brackets).</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public void PostConfigure(string? name, HostFilteringOptions options)
    {
        if (authentication.Value.IsAuthenticationEnabled || security.Value.AllowUnauthenticated) return;
        options.AllowedHosts = [.. LoopbackHosts];
        options.IncludeFailureMessage = false;
    }
}
