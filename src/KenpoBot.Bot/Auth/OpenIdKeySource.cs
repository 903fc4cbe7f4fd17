using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KenpoBot.Bot.Auth;

/// <summary>
/// The signing keys of one OpenID metadata document, cached and refreshed by <see cref="ConfigurationManager{T}"/>,
/// with the <c>endorsements</c> each key carries in the JWKS.
/// </summary>
public sealed class OpenIdKeySource
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

    public OpenIdKeySource(string metadataUrl, HttpClient http)
    {
        var uri = new Uri(metadataUrl, UriKind.Absolute);
        MetadataUrl = metadataUrl;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = !uri.IsLoopback });
    }

    public string MetadataUrl { get; }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) => _manager.GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for a fresh download at the next <see cref="GetAsync"/>, e.g. when a token names an unknown key.</summary>
    public void RequestRefresh() => _manager.RequestRefresh();

    /// <summary>The endorsements of the key <paramref name="keyId"/>; null when the key carries none.</summary>
    public static IReadOnlySet<string>? EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        if (string.IsNullOrEmpty(keyId) || configuration.JsonWebKeySet is null) return null;
        var key = configuration.JsonWebKeySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null) return null;
        return ReadStrings(raw);
    }

    /// <summary>The JWKS parser hands back extra members as JSON elements or plain lists, depending on the version.</summary>
    private static HashSet<string>? ReadStrings(object raw)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        switch (raw)
        {
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                foreach (var item in array.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) result.Add(item.GetString()!);
                return result;
            case string single:
                result.Add(single);
                return result;
            case System.Collections.IEnumerable items:
                foreach (var item in items)
                {
                    if (item is string s) result.Add(s);
                    else if (item is JsonElement { ValueKind: JsonValueKind.String } e) result.Add(e.GetString()!);
                }
                return result;
            default:
                return null;
        }
    }
}
