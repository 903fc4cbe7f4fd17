using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Auth;

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>
/// The bot's identity, under the well-known Azure Bot setting names (bound from the configuration root).
/// An empty <see cref="MicrosoftAppId"/> means unauthenticated local mode.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    public string MicrosoftAppId { get; set; } = "";

    public string MicrosoftAppPassword { get; set; } = "";

    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary>Where the Bot Framework channel keys (with their endorsements) are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Where the Azure AD keys for Emulator-style tokens are published.</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = DefaultEmulatorOpenIdMetadataUrl;

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The tenant for outbound tokens: the bot's own for a single-tenant app, botframework.com otherwise.</summary>
    public string TokenTenant => MicrosoftAppType == BotAppType.SingleTenant ? MicrosoftAppTenantId : "botframework.com";
}

/// <summary>Fails the start with a Japanese message when the bot identity is half configured.</summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.MicrosoftAppType))
            errors.Add("MicrosoftAppType は MultiTenant、SingleTenant、UserAssignedMSI のいずれかです。");
        if (!IsMetadataUrl(options.OpenIdMetadataUrl))
            errors.Add("OpenIdMetadataUrl は https の URL です（http はループバックのみ可）。");
        if (!IsMetadataUrl(options.EmulatorOpenIdMetadataUrl))
            errors.Add("EmulatorOpenIdMetadataUrl は https の URL です（http はループバックのみ可）。");

        if (options.IsAuthenticationEnabled)
        {
            if (!Guid.TryParse(options.MicrosoftAppId, out _))
                errors.Add("MicrosoftAppId は GUID です。");
            if (options.MicrosoftAppType != BotAppType.UserAssignedMSI && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                errors.Add($"MicrosoftAppType が {options.MicrosoftAppType} のときは MicrosoftAppPassword を設定してください。");
            if (options.MicrosoftAppType == BotAppType.UserAssignedMSI && !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                errors.Add("MicrosoftAppType が UserAssignedMSI のときは MicrosoftAppPassword を空にしてください。");
            if (options.MicrosoftAppType == BotAppType.SingleTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                errors.Add($"MicrosoftAppType が {options.MicrosoftAppType} のときは MicrosoftAppTenantId を設定してください。");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                errors.Add("MicrosoftAppPassword があるのに MicrosoftAppId が空です。");
            // A managed identity is named by its client id: without one there is no identity, not a local mode.
            if (options.MicrosoftAppType == BotAppType.UserAssignedMSI)
                errors.Add("MicrosoftAppType が UserAssignedMSI のときは MicrosoftAppId（マネージド ID のクライアント ID）を設定してください。");
        }

        // Tokens name the tenant by its GUID (tid, issuer), so a domain name would never match.
        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
            errors.Add("MicrosoftAppTenantId はテナント ID（GUID）です。ドメイン名は使えません。");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsMetadataUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
