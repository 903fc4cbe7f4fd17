using System.Collections.Concurrent;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Auth;

/// <summary>
/// Service URLs that arrived on a validated channel request whose <c>serviceurl</c> claim matched. The connector
/// token is attached only to requests under one of these; everything else goes out without it.
/// </summary>
public sealed class TrustedServiceUrls(TimeProvider time, int capacity = TrustedServiceUrls.DefaultCapacity)
{
    /// <summary>Teams uses a handful of regional service URLs; the cap only stops unbounded growth (the least recently vouched for goes first).</summary>
    public const int DefaultCapacity = 1024;

    private int Capacity { get; } = capacity;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl)
    {
        if (!ConnectorUrl.TryParseServiceUrl(serviceUrl, out var uri)) return;
        _urls[ServiceUrlRules.Normalize(uri)] = time.GetUtcNow();
        if (_urls.Count > Capacity)
        {
            foreach (var oldest in _urls.OrderBy(p => p.Value).Take(_urls.Count - Capacity))
                _urls.TryRemove(oldest.Key, out _);
        }
    }

    /// <summary>True when <paramref name="requestUri"/> is a trusted service URL or lies under one (same scheme, host, port and path prefix).</summary>
    public bool IsTrusted(Uri? requestUri)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri || requestUri.UserInfo.Length > 0) return false;
        var target = ServiceUrlRules.Normalize(requestUri);
        foreach (var trusted in _urls.Keys)
        {
            if (string.Equals(target, trusted, StringComparison.OrdinalIgnoreCase)
                || target.StartsWith(trusted + "/", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
