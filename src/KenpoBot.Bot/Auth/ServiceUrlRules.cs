using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Auth;

/// <summary>Where replies may go when no channel token vouches for the service URL.</summary>
public static class ServiceUrlRules
{
    /// <summary>Suffixes of names that only resolve inside a network (RFC 6761, RFC 6762, RFC 8375 and common practice).</summary>
    private static readonly string[] PrivateSuffixes = ["localhost", "local", "internal", "intranet", "lan", "home", "corp", "localdomain", "home.arpa", "test", "invalid", "example"];

    /// <summary>scheme://host:port/path without a trailing slash, query or fragment; compare with OrdinalIgnoreCase.</summary>
    public static string Normalize(Uri uri) =>
        $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')}";

    /// <summary>The same service URL up to case and a trailing slash (how the claim and the activity may differ harmlessly).</summary>
    public static bool SameServiceUrl(string? a, string? b) =>
        ConnectorUrl.TryParseServiceUrl(a, out var x) && ConnectorUrl.TryParseServiceUrl(b, out var y)
        && string.Equals(Normalize(x), Normalize(y), StringComparison.OrdinalIgnoreCase);

    /// <summary>Same scheme, host and port (the path may differ).</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>https on a DNS name with at least two labels that is not an IP literal, localhost or a private-use suffix.</summary>
    public static bool IsPublicHttps(Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttps || uri.HostNameType != UriHostNameType.Dns) return false;
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        var labels = host.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0)) return false;
        // A numeric last label is an IP address in some notation (e.g. 127.1 or 2130706433.0), never a public name.
        if (labels[^1].All(char.IsAsciiDigit)) return false;
        return !PrivateSuffixes.Any(s => host == s || host.EndsWith("." + s, StringComparison.Ordinal));
    }
}
