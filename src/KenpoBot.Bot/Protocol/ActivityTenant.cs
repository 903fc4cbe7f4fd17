using System.Text.Json.Nodes;

namespace KenpoBot.Bot.Protocol;

/// <summary>The Microsoft 365 tenant an activity comes from, as Teams names it in two places.</summary>
public static class ActivityTenant
{
    /// <summary><c>channelData.tenant.id</c> and <c>conversation.tenantId</c>, each when present (so zero, one or two ids).</summary>
    public static IReadOnlyList<string> Ids(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var ids = new List<string>(2);
        if (activity.ChannelData is JsonObject data && data["tenant"] is JsonObject tenant
            && tenant["id"] is JsonValue id && id.TryGetValue<string>(out var fromChannelData) && !string.IsNullOrWhiteSpace(fromChannelData))
            ids.Add(fromChannelData);
        if (!string.IsNullOrWhiteSpace(activity.Conversation?.TenantId)) ids.Add(activity.Conversation.TenantId);
        return ids;
    }
}
