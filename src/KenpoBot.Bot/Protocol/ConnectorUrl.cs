namespace KenpoBot.Bot.Protocol;

/// <summary>Builds the Bot Connector REST URLs. The service URL and the path are joined with exactly one slash; ids are escaped.</summary>
public static class ConnectorUrl
{
    /// <summary><c>{serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>, or without the last segment when there is nothing to reply to.</summary>
    public static Uri ForActivity(string serviceUrl, string conversationId, string? replyToId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (!IsPathSafeId(conversationId) || (replyToId is not null && !IsPathSafeId(replyToId)))
            throw new ArgumentException("The ids '.' and '..' cannot be URL path segments: System.Uri would remove them.");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(replyToId)) path += "/" + Uri.EscapeDataString(replyToId);
        return new Uri(ParseServiceUrl(serviceUrl).AbsoluteUri.TrimEnd('/') + "/" + path, UriKind.Absolute);
    }

    /// <summary>False for "." and "..": escaping leaves them as they are, and as path segments they would climb the URL.</summary>
    public static bool IsPathSafeId(string id) => id is not ("." or "..");

    /// <summary>True for an absolute http(s) URL without user info, query or fragment.</summary>
    public static bool IsValidServiceUrl(string? serviceUrl) => TryParseServiceUrl(serviceUrl, out _);

    public static bool TryParseServiceUrl(string? serviceUrl, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(serviceUrl) || serviceUrl.Length > 2048) return false;
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp) return false;
        if (parsed.UserInfo.Length > 0 || parsed.Query.Length > 0 || parsed.Fragment.Length > 0) return false;
        uri = parsed;
        return true;
    }

    private static Uri ParseServiceUrl(string serviceUrl) =>
        TryParseServiceUrl(serviceUrl, out var uri)
            ? uri
            : throw new ArgumentException("The service URL must be an absolute http(s) URL without query or fragment.", nameof(serviceUrl));
}
