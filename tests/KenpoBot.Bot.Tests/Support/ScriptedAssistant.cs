using System.Collections.Concurrent;
using KenpoBot.Assistant;

namespace KenpoBot.Bot.Tests.Support;

/// <summary>An assistant that answers from a script and records what it was asked.</summary>
public sealed class ScriptedAssistant : IAssistant
{
    public ConcurrentQueue<(string ConversationId, string Question)> Asked { get; } = new();

    /// <summary>The answer to give; the default echoes the question with one suggestion (no citation, so one card message).</summary>
    public Func<string, CancellationToken, Task<Answer>> Script { get; set; } = (q, _) => Task.FromResult(Echo(q));

    /// <summary>When set, answers through the stream the bot passed (null where the bot does not stream), as a model would.</summary>
    public Func<string, IAnswerStream?, CancellationToken, Task<Answer>>? StreamScript { get; set; }

    /// <summary>Whether each question came with a stream.</summary>
    public ConcurrentQueue<bool> Streamed { get; } = new();

    public Task<Answer> AskAsync(string conversationId, string question, CancellationToken cancellationToken)
    {
        Asked.Enqueue((conversationId, question));
        return Script(question, cancellationToken);
    }

    public Task<Answer> AskAsync(string conversationId, string question, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        Streamed.Enqueue(stream is not null);
        if (StreamScript is null) return AskAsync(conversationId, question, cancellationToken);
        Asked.Enqueue((conversationId, question));
        return StreamScript(question, stream, cancellationToken);
    }

    public static Answer Echo(string question) =>
        new(question, Intent.Search, $"回答: {question}", [], [], [])
        { Suggestions = ["返納金債権とは？"] };

    /// <summary>As <see cref="Echo"/>, citing 秋田支部's plan (offline unless <paramref name="byModel"/>).</summary>
    public static Answer Cited(string question, bool byModel = false) =>
        Echo(question) with { Citations = [new Citation("akita-2025", "秋田支部事業計画", "重点施策", "2025", "秋田", "特定保健指導の実施率を向上させる。")], ByModel = byModel };
}

/// <summary>Records the conversations the error handler asked to forget.</summary>
public sealed class RecordingConversationReset : IConversationReset
{
    public ConcurrentQueue<string> Reset { get; } = new();

    public Task ResetAsync(string conversationId, CancellationToken cancellationToken)
    {
        Reset.Enqueue(conversationId);
        return Task.CompletedTask;
    }
}
