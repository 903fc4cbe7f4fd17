using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace KenpoBot.Bot.Auth;

/// <summary>Gets the bearer token the bot presents to the Bot Connector.</summary>
public interface IConnectorTokenProvider
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// MSAL client credentials for https://api.botframework.com/.default (authority: the bot's tenant for a single-tenant app,
/// botframework.com otherwise), or the user-assigned managed identity. MSAL caches the token until shortly before it expires.
/// </summary>
public sealed class MsalConnectorTokenProvider(IOptions<BotAuthenticationOptions> options) : IConnectorTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";
    private const string Resource = "https://api.botframework.com";

    private readonly Lazy<Func<CancellationToken, Task<AuthenticationResult>>> _acquire = new(() => Create(options.Value));

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _acquire.Value(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    private static Func<CancellationToken, Task<AuthenticationResult>> Create(BotAuthenticationOptions o)
    {
        if (!o.IsAuthenticationEnabled)
            throw new InvalidOperationException("No connector token exists in unauthenticated mode (MicrosoftAppId is empty).");

        if (o.MicrosoftAppType == BotAppType.UserAssignedMSI)
        {
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.MicrosoftAppId)).Build();
            return ct => identity.AcquireTokenForManagedIdentity(Resource).ExecuteAsync(ct);
        }

        var app = ConfidentialClientApplicationBuilder.Create(o.MicrosoftAppId)
            .WithClientSecret(o.MicrosoftAppPassword)
            .WithAuthority($"https://login.microsoftonline.com/{o.TokenTenant}")
            .Build();
        return ct => app.AcquireTokenForClient([Scope]).ExecuteAsync(ct);
    }
}
