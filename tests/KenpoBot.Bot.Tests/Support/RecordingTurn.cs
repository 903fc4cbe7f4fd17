using System.Collections.Concurrent;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Tests.Support;

/// <summary>A turn that keeps what the handler sends.</summary>
public sealed class RecordingTurn(Activity activity, bool expectsReplies = false) : ITurnContext
{
    public Activity Activity { get; } = activity;

    public bool ExpectsReplies { get; } = expectsReplies;

    public ConcurrentQueue<Activity> Sent { get; } = new();

    public IReadOnlyList<Activity> Messages => [.. Sent.Where(a => a.Type == ActivityTypes.Message)];

    private int _sent;

    /// <summary>Keeps <paramref name="reply"/> and answers with an id as the connector would ("sent-1", "sent-2", …).</summary>
    public Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        Sent.Enqueue(reply);
        return Task.FromResult(new ResourceResponse($"sent-{Interlocked.Increment(ref _sent)}"));
    }

    public static Activity Incoming(string type = ActivityTypes.Message, string? text = null) => new()
    {
        Id = "act-1",
        Type = type,
        Text = text,
        ServiceUrl = "http://127.0.0.1:9/amer",
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = "conv-1", ConversationType = "personal", TenantId = "tenant-1" },
        From = new ChannelAccount { Id = "29:user", Name = "利用者" },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "KenpoBot" },
        Locale = "en-US",
    };
}
