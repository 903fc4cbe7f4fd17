using System.Diagnostics;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Llm;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Telemetry;
using KenpoBot.Assistant.Understanding;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Assistant;

/// <summary>
/// Answers a question within a conversation: through the model when one is configured, grounded in the tools it called
/// and in no number they did not return; else, or when the model fails, through the offline planner. Both call the same
/// Kernel functions. Each question is one "kenpobot.turn" span; its text is logged at Debug only.
/// </summary>
public sealed partial class KenpoAssistant(
    OfflinePlanner offline, IConversationStore conversations, ILogger<KenpoAssistant> logger,
    LlmPlanner? llm = null, ModelAnswerComposer? modelAnswers = null) : IAssistant
{
    public Task<Answer> AskAsync(string conversationId, string question, CancellationToken cancellationToken) =>
        AskAsync(conversationId, question, null, cancellationToken);

    public async Task<Answer> AskAsync(string conversationId, string question, IAnswerStream? stream, CancellationToken cancellationToken)
    {
        using var activity = KenpoTelemetry.StartTurn();
        var started = Stopwatch.GetTimestamp();
        LogQuestion(logger, question);
        var (context, turns) = await conversations.GetAsync(conversationId, cancellationToken);
        var frame = offline.Read(question, context);
        var byModel = await TryModelAsync(question, frame, context, turns, stream, cancellationToken);
        var (answer, next) = byModel ?? await offline.AnswerAsync(question, frame, context, cancellationToken);
        await conversations.RecordAsync(conversationId, new(question, answer.Text), next, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        KenpoTelemetry.RecordAnswer(activity, answer, elapsed);
        LogAnswered(logger, answer.Intent, answer.ToolCalls.Count, answer.ByModel, elapsed.TotalMilliseconds);
        return answer;
    }

    /// <summary>The model's answer, or null when there is no model, it failed, or it stated a number no tool returned.</summary>
    private async Task<(Answer, ConversationContext?)?> TryModelAsync(
        string question, QuestionFrame frame, ConversationContext? context, IReadOnlyList<ConversationTurn> turns, IAnswerStream? stream, CancellationToken ct)
    {
        if (llm is null || modelAnswers is null || frame.Intent is Intent.Help) return null;
        var history = turns.SelectMany(t => new[] { (true, t.Question), (false, t.Answer) });
        var reply = await llm.TryAnswerAsync(question, history, stream, ct);
        if (reply is null)
        {
            LogModelFailed(logger);
            return null;
        }
        if (NumberGrounding.Ungrounded(reply.Text, question, reply.ToolResults) is { Count: > 0 } invented)
        {
            LogUngrounded(logger, invented.Count, string.Join(" ", invented), reply.Tools.Count);
            return null;
        }
        var answer = modelAnswers.Compose(question, frame, reply);
        return (answer, ModelAnswerComposer.Remember(frame, answer, context));
    }

    public Task ResetAsync(string conversationId, CancellationToken cancellationToken) => conversations.ResetAsync(conversationId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Question: {Question}")]
    private static partial void LogQuestion(ILogger logger, string question);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered offline after the LLM failed")]
    private static partial void LogModelFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered offline: the model stated {Count} number(s) no tool returned ({Numbers}) after {ToolCalls} tool calls")]
    private static partial void LogUngrounded(ILogger logger, int count, string numbers, int toolCalls);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered a {Intent} question with {ToolCalls} tool calls (by model: {ByModel}) in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, Intent intent, int toolCalls, bool byModel, double elapsedMs);
}
