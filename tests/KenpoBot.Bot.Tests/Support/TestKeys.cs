using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KenpoBot.Bot.Tests.Support;

/// <summary>
/// RSA test keys and the tokens they sign. The channel JWKS publishes <see cref="Teams"/> (endorsed for msteams and
/// emulator) and <see cref="WebChatOnly"/>; the Azure AD JWKS publishes <see cref="Aad"/>. <see cref="Rogue"/> is published
/// nowhere.
/// </summary>
public sealed class TestKeys
{
    public const string AppId = "8a0f3c1e-5b7d-4e2a-9c6f-1d2e3f4a5b6c";
    public const string BotFrameworkTenant = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    public static TestKeys Shared { get; } = new();

    public RsaSecurityKey Teams { get; private set; } = NewKey("teams-key");
    public RsaSecurityKey WebChatOnly { get; } = NewKey("webchat-key");
    public RsaSecurityKey Aad { get; } = NewKey("aad-key");

    /// <summary>Not published; claims the kid of <see cref="Teams"/> to forge a signature.</summary>
    public RsaSecurityKey Rogue { get; } = NewKey("teams-key");

    /// <summary>Replaces <see cref="Teams"/> with a new key under a new kid, as Microsoft does when it rolls its keys over.</summary>
    public RsaSecurityKey Rotate()
    {
        Teams = NewKey("teams-key-" + Guid.NewGuid().ToString("N")[..8]);
        return Teams;
    }

    public string ChannelJwks() => Jwks((Teams, ["msteams", "emulator"]), (WebChatOnly, ["webchat"]));

    public string AadJwks() => Jwks((Aad, null));

    /// <summary>A channel token as the Bot Connector would send it.</summary>
    public string ChannelToken(
        string serviceUrl,
        RsaSecurityKey? key = null,
        string issuer = "https://api.botframework.com",
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        bool includeServiceUrl = true)
    {
        var claims = new Dictionary<string, object>();
        if (includeServiceUrl) claims["serviceurl"] = serviceUrl;
        return Sign(key ?? Teams, issuer, audience, claims, notBefore, expires, algorithm);
    }

    /// <summary>An Emulator-style Azure AD token (v1: appid, v2: azp).</summary>
    public string EmulatorToken(string version = "1.0", string appId = AppId, string? audience = null, string tenant = BotFrameworkTenant)
    {
        var issuer = version == "2.0" ? $"https://login.microsoftonline.com/{tenant}/v2.0" : $"https://sts.windows.net/{tenant}/";
        var claims = new Dictionary<string, object> { ["ver"] = version, ["tid"] = tenant };
        claims[version == "2.0" ? "azp" : "appid"] = appId;
        return Sign(Aad, issuer, audience ?? AppId, claims, null, null, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>A JWE: valid channel claims, signed with <see cref="Teams"/>, then encrypted to some key.</summary>
    public string EncryptedToken(string serviceUrl)
    {
        var descriptor = Descriptor("https://api.botframework.com", AppId, new Dictionary<string, object> { ["serviceurl"] = serviceUrl }, null, null);
        descriptor.SigningCredentials = new SigningCredentials(Teams, SecurityAlgorithms.RsaSha256);
        descriptor.EncryptingCredentials = new EncryptingCredentials(NewKey("enc-key"), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes128CbcHmacSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid channel claims.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"teams-key"}""");
        var payload = Base64UrlEncoder.Encode(new JsonObject
        {
            ["iss"] = "https://api.botframework.com",
            ["aud"] = AppId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
        }.ToJsonString());
        return $"{header}.{payload}.";
    }

    /// <summary>An HS256 token keyed with the public modulus: the classic algorithm-confusion attack.</summary>
    public string SymmetricToken(string serviceUrl)
    {
        var secret = new SymmetricSecurityKey(Teams.Rsa.ExportParameters(false).Modulus!) { KeyId = "teams-key" };
        var descriptor = Descriptor("https://api.botframework.com", AppId, new Dictionary<string, object> { ["serviceurl"] = serviceUrl }, null, null);
        descriptor.SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string Sign(RsaSecurityKey key, string issuer, string audience, Dictionary<string, object> claims, DateTime? notBefore, DateTime? expires, string algorithm)
    {
        var descriptor = Descriptor(issuer, audience, claims, notBefore, expires);
        descriptor.SigningCredentials = new SigningCredentials(key, algorithm);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static SecurityTokenDescriptor Descriptor(string issuer, string audience, Dictionary<string, object> claims, DateTime? notBefore, DateTime? expires)
    {
        var nbf = notBefore ?? DateTime.UtcNow.AddMinutes(-1);
        return new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = nbf,
            IssuedAt = nbf,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            Claims = claims,
        };
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static string Jwks(params (RsaSecurityKey Key, string[]? Endorsements)[] keys)
    {
        var array = new JsonArray();
        foreach (var (key, endorsements) in keys)
        {
            var p = key.Rsa.ExportParameters(false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            };
            if (endorsements is not null) jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
            array.Add(jwk);
        }
        return new JsonObject { ["keys"] = array }.ToJsonString();
    }
}
