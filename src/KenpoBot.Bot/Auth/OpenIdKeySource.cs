using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KenpoBot.Bot.Auth;

/// <summary>
/// The signing keys of one OpenID metadata document, with the <c>endorsements</c> each key carries in the JWKS. The
/// document is downloaded once and again every <see cref="RefreshInterval"/>; concurrent callers share one download.
/// <see cref="RefreshAsync"/> forces a download for a token that names an unknown key (the keys rolled over), at most once
/// per <see cref="MinimumRefreshInterval"/> so that tokens with made-up key ids cannot make the bot download on every request.
/// </summary>
public sealed class OpenIdKeySource
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);

    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly HttpDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<OpenIdConnectConfiguration>? _download;
    private DateTimeOffset _refreshAfter;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;
    private OpenIdConnectConfiguration? _lastGood;

    public OpenIdKeySource(string metadataUrl, HttpClient http, TimeProvider time)
    {
        var uri = new Uri(metadataUrl, UriKind.Absolute);
        MetadataUrl = metadataUrl;
        _documents = new HttpDocumentRetriever(http) { RequireHttps = !uri.IsLoopback };
        _time = time;
    }

    public string MetadataUrl { get; }

    /// <summary>The cached keys; downloads them first when there are none yet or they are older than <see cref="RefreshInterval"/>.</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_download is null || (_download.IsCompleted && _time.GetUtcNow() >= _refreshAfter)) StartDownload();
            return _download!.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Downloads the keys again and returns them, unless a download is under way (then it is shared) or the last forced one
    /// was less than <see cref="MinimumRefreshInterval"/> ago (then the cached keys come back).
    /// </summary>
    public Task<OpenIdConnectConfiguration> RefreshAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_download is { IsCompleted: true } && now - _lastForced >= MinimumRefreshInterval)
            {
                _lastForced = now;
                StartDownload();
            }
        }

        return GetAsync(cancellationToken);
    }

    private void StartDownload()
    {
        // Not tied to one caller's cancellation: the download serves every caller waiting for it.
        _download = DownloadAsync();
    }

    private async Task<OpenIdConnectConfiguration> DownloadAsync()
    {
        try
        {
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(MetadataUrl, _documents, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _lastGood = configuration;
                _refreshAfter = _time.GetUtcNow() + RefreshInterval;
            }
            return configuration;
        }
        catch (Exception) when (_lastGood is { } previous)
        {
            // Keep serving the keys we have; try again soon.
            lock (_gate) _refreshAfter = _time.GetUtcNow() + MinimumRefreshInterval;
            return previous;
        }
        catch
        {
            lock (_gate) _refreshAfter = _time.GetUtcNow() + MinimumRefreshInterval;
            throw;
        }
    }

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
