using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot;

/// <summary>
/// The key under which the assistant remembers a conversation: channel, tenant and conversation id together, so that the
/// same conversation id from another channel or tenant never reaches this conversation's memory.
/// </summary>
public static class ConversationKey
{
    /// <summary><c>channel/tenant/conversation</c>, each part escaped so that no part can forge a separator.</summary>
    public static string Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var tenant = ActivityTenant.Ids(activity).FirstOrDefault() ?? "";
        return string.Join('/', Escape(activity.ChannelId), Escape(tenant.ToLowerInvariant()), Escape(activity.Conversation?.Id));
    }

    private static string Escape(string? part) => Uri.EscapeDataString(part ?? "");
}
