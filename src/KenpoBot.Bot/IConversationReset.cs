namespace KenpoBot.Bot;

/// <summary>
/// Forgets what the assistant remembers of one conversation. Optional: when registered, the turn error handler calls it so a
/// conversation does not loop on the state that made it fail.
/// </summary>
public interface IConversationReset
{
    /// <param name="conversationId">The same key the assistant was asked with: <see cref="ConversationKey.Of"/>.</param>
    Task ResetAsync(string conversationId, CancellationToken cancellationToken);
}
