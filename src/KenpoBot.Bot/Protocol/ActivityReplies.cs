namespace KenpoBot.Bot.Protocol;

/// <summary>Makes outgoing activities addressed back to the sender of an incoming one.</summary>
public static class ActivityReplies
{
    public static Activity CreateReply(this Activity incoming, string? text = null, IReadOnlyList<Attachment>? attachments = null) =>
        Address(incoming) with
        {
            Type = ActivityTypes.Message,
            Text = text,
            TextFormat = text is null ? null : "plain",
            Attachments = attachments,
            InputHint = "acceptingInput",
        };

    public static Activity CreateTyping(this Activity incoming) => Address(incoming) with { Type = ActivityTypes.Typing };

    private static Activity Address(Activity incoming) => new()
    {
        ServiceUrl = incoming.ServiceUrl,
        ChannelId = incoming.ChannelId,
        Conversation = incoming.Conversation is null ? null : new ConversationAccount
        {
            Id = incoming.Conversation.Id,
            ConversationType = incoming.Conversation.ConversationType,
            IsGroup = incoming.Conversation.IsGroup,
            TenantId = incoming.Conversation.TenantId,
        },
        From = incoming.Recipient is null ? null : new ChannelAccount { Id = incoming.Recipient.Id, Name = incoming.Recipient.Name },
        Recipient = incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name },
        ReplyToId = incoming.Id,
        Locale = "ja-JP",
    };
}
