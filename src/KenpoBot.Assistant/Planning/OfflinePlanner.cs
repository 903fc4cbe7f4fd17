using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Understanding;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Planning;

/// <summary>
/// The default planner: reads the question into a frame and hands it to the one handler of its intent. Handlers answer by
/// invoking the same Kernel functions an LLM would call (every call is recorded as a ToolCall).
/// </summary>
public sealed class OfflinePlanner(Kernel kernel, QuestionReader reader, IEnumerable<IIntentHandler> handlers)
{
    private readonly Dictionary<Intent, IIntentHandler> byIntent = handlers
        .SelectMany(h => h.Intents.Select(i => (Intent: i, Handler: h)))
        .ToDictionary(p => p.Intent, p => p.Handler);

    public Task<(Answer Answer, ConversationContext? Context)> AnswerAsync(string question, ConversationContext? previous, CancellationToken ct) =>
        AnswerAsync(question, reader.Read(question, previous), previous, ct);

    /// <summary>Answers a question already read into <paramref name="frame"/>.</summary>
    public async Task<(Answer Answer, ConversationContext? Context)> AnswerAsync(string question, QuestionFrame frame, ConversationContext? previous, CancellationToken ct)
    {
        if (frame.Intent == Intent.Help) return (AnswerComposer.Help(question, []), previous);
        var turn = new Turn(question, frame, previous, kernel);
        var handler = byIntent.GetValueOrDefault(frame.Intent) ?? byIntent[Intent.Search];
        var reply = await handler.HandleAsync(turn, ct);
        return (reply.Answer with { Frame = frame }, reply.Context ?? previous);
    }

    /// <summary>The frame a question is read into, for tests and diagnostics.</summary>
    public QuestionFrame Read(string question, ConversationContext? previous = null) => reader.Read(question, previous);
}
