namespace KenpoBot.Assistant.Conversation;

/// <summary>
/// Per-conversation memory for follow-ups: the last context and the recent turns, bounded in turns and expiring after a
/// quiet period. Implementations never throw: a store that cannot be reached answers as if the conversation were new.
/// </summary>
public interface IConversationStore
{
    Task<ConversationMemory> GetAsync(string conversationId, CancellationToken cancellationToken);

    Task RecordAsync(string conversationId, ConversationTurn turn, ConversationContext? context, CancellationToken cancellationToken);

    Task ResetAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>One question and the answer it got.</summary>
public sealed record ConversationTurn(string Question, string Answer);

/// <summary>What a conversation remembers: the context of its last answer (null when new) and its recent turns, oldest first.</summary>
public sealed record ConversationMemory(ConversationContext? Context, IReadOnlyList<ConversationTurn> Turns)
{
    public static ConversationMemory Empty { get; } = new(null, []);
}
