using KenpoBot.Assistant;

namespace KenpoBot.Hosting.Reload;

/// <summary>The assistant of whichever knowledge generation serves when a question arrives, leased for the whole turn.</summary>
public sealed class LiveAssistant(LiveKnowledge live) : IAssistant
{
    public Task<Answer> AskAsync(string conversationId, string question, CancellationToken cancellationToken) =>
        AskAsync(conversationId, question, null, cancellationToken);

    public async Task<Answer> AskAsync(string conversationId, string question, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        var generation = live.Acquire();
        try
        {
            return await generation.Assistant.AskAsync(conversationId, question, stream, cancellationToken);
        }
        finally
        {
            generation.Release();
        }
    }
}
