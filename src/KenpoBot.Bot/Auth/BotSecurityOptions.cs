using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Auth;

/// <summary>What the bot lets through beyond a valid token, from the "KenpoBot" section. Every default is the strict one.</summary>
public sealed class BotSecurityOptions
{
    public const string Section = "KenpoBot";

    /// <summary>The Microsoft 365 Agents Playground's connector, the one local client answered when nothing is listed.</summary>
    public const string AgentsPlaygroundUrl = "http://localhost:56150";

    /// <summary>Without an app id the bot starts only on loopback addresses, unless this is true (then it warns at every start).</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>
    /// Without an app id nothing vouches for a service URL, so replies go only to these (same scheme, host and port; the
    /// path is free). Empty means <see cref="AgentsPlaygroundUrl"/>.
    /// </summary>
    public List<string> UnauthenticatedServiceUrls { get; set; } = [];

    /// <summary>Emulator-style Azure AD tokens are accepted in the Development environment, or anywhere when this is true.</summary>
    public bool AcceptEmulatorTokens { get; set; }

    /// <summary>Tenant GUIDs whose activities are answered; empty means any tenant (a SingleTenant bot: its own tenant).</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>The listed service URLs as URIs (the Agents Playground's when none are listed); call after validation.</summary>
    public IReadOnlyList<Uri> UnauthenticatedReplyOrigins() =>
        [.. (UnauthenticatedServiceUrls.Count == 0 ? [AgentsPlaygroundUrl] : UnauthenticatedServiceUrls).Select(u => new Uri(u, UriKind.Absolute))];
}

/// <summary>Fails the start with a Japanese message for a service URL or tenant that could never match.</summary>
public sealed class BotSecurityOptionsValidator : IValidateOptions<BotSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, BotSecurityOptions options)
    {
        var errors = new List<string>();
        foreach (var url in options.UnauthenticatedServiceUrls)
        {
            if (!IsOrigin(url))
                errors.Add($"KenpoBot:UnauthenticatedServiceUrls の「{url}」は http(s) の URL ではありません（例: {BotSecurityOptions.AgentsPlaygroundUrl}）。");
        }

        foreach (var tenant in options.AllowedTenants)
        {
            if (!Guid.TryParse(tenant, out _))
                errors.Add($"KenpoBot:AllowedTenants の「{tenant}」はテナント ID（GUID）ではありません。");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsOrigin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
