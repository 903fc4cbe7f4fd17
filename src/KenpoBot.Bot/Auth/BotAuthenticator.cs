using System.Security.Claims;
using KenpoBot.Bot.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KenpoBot.Bot.Auth;

/// <summary>Why an incoming request was refused, for the log. <see cref="ServiceUrlNotAllowed"/> is a 403; every other failure is the same bare 401.</summary>
public enum AuthFailure
{
    None,
    MissingToken,
    MalformedToken,
    UntrustedIssuer,
    DisallowedAlgorithm,
    InvalidSignature,
    Expired,
    WrongAudience,
    WrongAppId,
    ServiceUrlMismatch,
    NotEndorsed,
    MetadataUnavailable,

    /// <summary>An Emulator-style token whose service URL (vouched for by nothing) is not https on a public host name.</summary>
    UntrustedServiceUrl,

    /// <summary>Unauthenticated mode: replies would go to a service URL that is not listed (403).</summary>
    ServiceUrlNotAllowed,
}

/// <summary>The outcome of authenticating one request.</summary>
public sealed record BotAuthResult(AuthFailure Failure, ClaimsIdentity? Identity)
{
    public bool Succeeded => Failure == AuthFailure.None;

    public static BotAuthResult Fail(AuthFailure failure) => new(failure, null);
}

/// <summary>Checks the bearer token of a request from the Bot Connector (or an Emulator-style Azure AD token).</summary>
public interface IBotAuthenticator
{
    bool IsEnabled { get; }

    Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

/// <summary>
/// Validates tokens as the Bot Framework SDK does (ChannelValidation, EmulatorValidation, JwtTokenExtractor):
/// RS256/384/512 only, five minutes of clock skew, issuer https://api.botframework.com with audience = app id,
/// a <c>serviceurl</c> claim equal to the activity's, and a signing key endorsed for the activity's channel.
/// Tokens from the Azure AD issuers follow the Emulator rules instead (appid/azp = app id, no service URL claim), and only in
/// the Development environment or with <see cref="BotSecurityOptions.AcceptEmulatorTokens"/>: the bot's own connector token
/// is such a token, so elsewhere it must not open the door.
/// </summary>
public sealed partial class BotAuthenticator : IBotAuthenticator
{
    public const string ChannelIssuer = "https://api.botframework.com";

    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    /// <summary>The Bot Framework's own tenants, as the SDK lists them for Emulator tokens (public cloud).</summary>
    private static readonly string[] BotFrameworkTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    private readonly BotAuthenticationOptions _options;
    private readonly IReadOnlyList<Uri> _unauthenticatedReplyOrigins;
    private readonly bool _acceptEmulatorTokens;
    private readonly OpenIdKeySource? _channelKeys;
    private readonly OpenIdKeySource? _emulatorKeys;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly TrustedServiceUrls _trusted;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotAuthenticator(
        IOptions<BotAuthenticationOptions> options,
        IOptions<BotSecurityOptions> security,
        IHostEnvironment environment,
        IHttpClientFactory httpClients,
        TrustedServiceUrls trusted,
        TimeProvider time,
        ILogger<BotAuthenticator> logger)
    {
        _options = options.Value;
        _unauthenticatedReplyOrigins = security.Value.UnauthenticatedReplyOrigins();
        _acceptEmulatorTokens = security.Value.AcceptEmulatorTokens || environment.IsDevelopment();
        _trusted = trusted;
        _logger = logger;
        _emulatorIssuers = EmulatorIssuers(_options.MicrosoftAppTenantId);
        if (IsEnabled)
        {
            var http = httpClients.CreateClient(BotServiceCollectionExtensions.OpenIdMetadataClient);
            _channelKeys = new OpenIdKeySource(_options.OpenIdMetadataUrl, http, time);
            if (_acceptEmulatorTokens) _emulatorKeys = new OpenIdKeySource(_options.EmulatorOpenIdMetadataUrl, http, time);
        }
    }

    public bool IsEnabled => _options.IsAuthenticationEnabled;

    public async Task<BotAuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = IsEnabled
            ? await ValidateAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false)
            : CheckUnauthenticated(activity);
        if (!result.Succeeded) LogRejected(_logger, result.Failure, activity.ChannelId);
        return result;
    }

    /// <summary>
    /// Without a channel token nothing vouches for the service URL, so replies may only be posted to one listed in
    /// <see cref="BotSecurityOptions.UnauthenticatedServiceUrls"/> (scheme, host and port). expectReplies posts nothing.
    /// </summary>
    private BotAuthResult CheckUnauthenticated(Activity activity)
    {
        if (PostsNothing(activity)) return new BotAuthResult(AuthFailure.None, new ClaimsIdentity());
        var allowed = ConnectorUrl.TryParseServiceUrl(activity.ServiceUrl, out var uri)
            && _unauthenticatedReplyOrigins.Any(origin => ServiceUrlRules.SameOrigin(origin, uri));
        return allowed ? new BotAuthResult(AuthFailure.None, new ClaimsIdentity()) : BotAuthResult.Fail(AuthFailure.ServiceUrlNotAllowed);
    }

    private static bool PostsNothing(Activity activity) =>
        string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);

    private async Task<BotAuthResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader)) return BotAuthResult.Fail(AuthFailure.MissingToken);
        var parts = authorizationHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return BotAuthResult.Fail(AuthFailure.MissingToken);

        var token = parts[1];
        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return BotAuthResult.Fail(AuthFailure.MalformedToken);
        }

        if (!AllowedAlgorithms.Contains(unverified.Alg, StringComparer.Ordinal)) return BotAuthResult.Fail(AuthFailure.DisallowedAlgorithm);

        // The issuer picks the rule set, as in the SDK; the signature check below decides whether it is believed.
        var issuer = unverified.Issuer;
        if (_acceptEmulatorTokens && _emulatorIssuers.Contains(issuer)) return await ValidateEmulatorTokenAsync(token, activity, cancellationToken).ConfigureAwait(false);
        if (issuer == ChannelIssuer) return await ValidateChannelTokenAsync(token, activity, cancellationToken).ConfigureAwait(false);
        return BotAuthResult.Fail(AuthFailure.UntrustedIssuer);
    }

    private async Task<BotAuthResult> ValidateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var parameters = Parameters([ChannelIssuer]);
        parameters.ValidateAudience = true;
        parameters.ValidAudience = _options.MicrosoftAppId;

        var (validated, failure, configuration) = await ValidateSignedAsync(_channelKeys!, token, parameters, cancellationToken).ConfigureAwait(false);
        if (validated is null) return BotAuthResult.Fail(failure);

        if (!validated.TryGetPayloadValue<string>("serviceurl", out var serviceUrlClaim)
            || string.IsNullOrWhiteSpace(serviceUrlClaim)
            || !ServiceUrlRules.SameServiceUrl(serviceUrlClaim, activity.ServiceUrl))
            return BotAuthResult.Fail(AuthFailure.ServiceUrlMismatch);

        // Channel keys always carry endorsements; a key without the activity's channel may not speak for it.
        var endorsements = OpenIdKeySource.EndorsementsOf(configuration!, validated.SigningKey?.KeyId ?? validated.Kid);
        if (endorsements is null || !endorsements.Contains(activity.ChannelId!)) return BotAuthResult.Fail(AuthFailure.NotEndorsed);

        _trusted.Trust(activity.ServiceUrl!);
        return new BotAuthResult(AuthFailure.None, new ClaimsIdentity(validated.Claims, "Bearer"));
    }

    private async Task<BotAuthResult> ValidateEmulatorTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var (validated, failure, configuration) = await ValidateSignedAsync(_emulatorKeys!, token, Parameters(_emulatorIssuers), cancellationToken).ConfigureAwait(false);
        if (validated is null) return BotAuthResult.Fail(failure);

        // Version 1.0 tokens name the caller in appid, 2.0 tokens in azp; any other version is refused.
        validated.TryGetPayloadValue<string>("ver", out var version);
        if (version is null) return BotAuthResult.Fail(AuthFailure.WrongAppId);
        var appIdClaim = version switch
        {
            "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null || !validated.TryGetPayloadValue<string>(appIdClaim, out var appId) || appId != _options.MicrosoftAppId)
            return BotAuthResult.Fail(AuthFailure.WrongAppId);

        // A token for another audience is a skill call, which the SDK refuses without a claims validator; so do we.
        if (!validated.Audiences.Any(a => a == _options.MicrosoftAppId || a == ChannelIssuer)) return BotAuthResult.Fail(AuthFailure.WrongAudience);

        var endorsements = OpenIdKeySource.EndorsementsOf(configuration!, validated.SigningKey?.KeyId ?? validated.Kid);
        if (endorsements is not null && !endorsements.Contains(activity.ChannelId!)) return BotAuthResult.Fail(AuthFailure.NotEndorsed);

        // No serviceurl claim vouches for this service URL: it is not trusted with the connector token, and replies go
        // only to https on a public host name, never to an internal address or over plain http.
        if (!PostsNothing(activity) && !(ConnectorUrl.TryParseServiceUrl(activity.ServiceUrl, out var serviceUrl) && ServiceUrlRules.IsPublicHttps(serviceUrl)))
            return BotAuthResult.Fail(AuthFailure.UntrustedServiceUrl);

        return new BotAuthResult(AuthFailure.None, new ClaimsIdentity(validated.Claims, "Bearer"));
    }

    private async Task<(JsonWebToken? Token, AuthFailure Failure, OpenIdConnectConfiguration? Configuration)> ValidateSignedAsync(
        OpenIdKeySource keys, string token, TokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                // Keys roll over: a token naming a key we do not know yet earns one (rate-limited) fresh download.
                configuration = attempt == 0
                    ? await keys.GetAsync(cancellationToken).ConfigureAwait(false)
                    : await keys.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMetadataUnavailable(_logger, ex, keys.MetadataUrl);
                return (null, AuthFailure.MetadataUnavailable, null);
            }

            parameters.IssuerSigningKeys = configuration.SigningKeys;
            var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            if (result.IsValid) return ((JsonWebToken)result.SecurityToken, AuthFailure.None, configuration);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && attempt == 0) continue;
            return (null, Classify(result.Exception), null);
        }
    }

    private static TokenValidationParameters Parameters(IEnumerable<string> issuers) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = [.. issuers],
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromMinutes(5),
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = AllowedAlgorithms,
        TryAllIssuerSigningKeys = false,
    };

    private static AuthFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => AuthFailure.Expired,
        SecurityTokenInvalidAudienceException => AuthFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => AuthFailure.UntrustedIssuer,
        SecurityTokenInvalidAlgorithmException => AuthFailure.DisallowedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => AuthFailure.InvalidSignature,
        _ => AuthFailure.MalformedToken,
    };

    /// <summary>v1 and v2 Azure AD issuers of the Bot Framework tenants and, when set, the bot's own tenant.</summary>
    private static HashSet<string> EmulatorIssuers(string? tenantId)
    {
        var tenants = BotFrameworkTenants.ToList();
        if (!string.IsNullOrWhiteSpace(tenantId)) tenants.Add(tenantId.Trim());
        return [.. tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request for channel {ChannelId}: {Failure}")]
    private static partial void LogRejected(ILogger logger, AuthFailure failure, string? channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the OpenID metadata from {MetadataUrl}")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception, string metadataUrl);
}
