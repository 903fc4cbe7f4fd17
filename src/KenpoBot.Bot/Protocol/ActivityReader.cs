using System.Text.Json;

namespace KenpoBot.Bot.Protocol;

/// <summary>Parses and checks an incoming activity. Every failure is a Japanese message for a 400 response, never an exception.</summary>
public static class ActivityReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, out Activity activity, out string error)
    {
        activity = null!;
        Activity? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            error = "リクエスト本文を JSON のアクティビティとして読み取れません。";
            return false;
        }

        if (parsed is null)
        {
            error = "リクエスト本文が空です。アクティビティを JSON で送ってください。";
            return false;
        }

        var missing = MissingField(parsed);
        if (missing is not null)
        {
            error = $"アクティビティの必須項目「{missing}」がないか、値が正しくありません。";
            return false;
        }

        activity = parsed;
        error = "";
        return true;
    }

    /// <summary>The first required field that is absent or invalid, by its JSON path; null when the activity is usable.</summary>
    private static string? MissingField(Activity a)
    {
        if (string.IsNullOrWhiteSpace(a.Type)) return "type";
        if (string.IsNullOrWhiteSpace(a.ChannelId)) return "channelId";
        if (!ConnectorUrl.IsValidServiceUrl(a.ServiceUrl)) return "serviceUrl";
        if (string.IsNullOrWhiteSpace(a.Conversation?.Id) || !ConnectorUrl.IsPathSafeId(a.Conversation.Id)) return "conversation.id";
        if (a.Id is not null && !ConnectorUrl.IsPathSafeId(a.Id)) return "id";

        // These kinds are answered, so the reply needs someone to address and something to reply to.
        if (a.Type is ActivityTypes.Message or ActivityTypes.Invoke)
        {
            if (string.IsNullOrWhiteSpace(a.Id)) return "id";
            if (string.IsNullOrWhiteSpace(a.From?.Id)) return "from.id";
            if (string.IsNullOrWhiteSpace(a.Recipient?.Id)) return "recipient.id";
        }
        else if (a.Type is ActivityTypes.ConversationUpdate && string.IsNullOrWhiteSpace(a.Recipient?.Id))
        {
            return "recipient.id";
        }

        return null;
    }
}
