using System.Diagnostics;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Llm;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Telemetry;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Assistant;

/// <summary>
/// Answers a question within a conversation: through the LLM planner when one is configured, falling back to the offline
/// planner on any failure; both call the same Kernel functions. Each question is one "kenpobot.turn" span; its text is logged
/// at Debug only.
/// </summary>
public sealed partial class KenpoAssistant(OfflinePlanner offline, IConversationStore conversations, ILogger<KenpoAssistant> logger, LlmPlanner? llm = null) : IAssistant
{
    public async Task<Answer> AskAsync(string conversationId, string question, CancellationToken cancellationToken)
    {
        using var activity = KenpoTelemetry.StartTurn();
        var started = Stopwatch.GetTimestamp();
        LogQuestion(logger, question);
        var (context, turns) = await conversations.GetAsync(conversationId, cancellationToken);
        var (answer, next) = await offline.AnswerAsync(question, context, cancellationToken);
        if (llm is not null && answer.Intent is not Intent.Help)
        {
            var reply = await llm.TryAnswerAsync(question, turns.SelectMany(t => new[] { (true, t.Question), (false, t.Answer) }), cancellationToken);
            if (reply is not null)
            {
                // The model's words, with the offline answer's typed evaluations and citations as its grounding.
                answer = answer with { Text = reply.Text, ToolCalls = [.. reply.ToolCalls] };
            }
            else
            {
                logger.LogInformation("Answered offline after the LLM failed");
            }
        }
        await conversations.RecordAsync(conversationId, new(question, answer.Text), next, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        KenpoTelemetry.RecordAnswer(activity, answer, elapsed);
        LogAnswered(logger, answer.Intent, answer.ToolCalls.Count, elapsed.TotalMilliseconds);
        return answer;
    }

    public Task ResetAsync(string conversationId, CancellationToken cancellationToken) => conversations.ResetAsync(conversationId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Question: {Question}")]
    private static partial void LogQuestion(ILogger logger, string question);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered a {Intent} question with {ToolCalls} tool calls in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, Intent intent, int toolCalls, double elapsedMs);
}
