using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Understanding;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Handlers;

/// <summary>One question being answered: the frame, the conversation before it, and the tool calls made so far.</summary>
public sealed class Turn(string question, QuestionFrame frame, ConversationContext? previous, Kernel kernel)
{
    public string Question { get; } = question;

    public QuestionFrame Frame { get; } = frame;

    public ConversationContext? Previous { get; } = previous;

    public List<ToolCall> Calls { get; } = [];

    /// <summary>Invokes a Kernel function (the same ones the LLM calls) and records the call.</summary>
    public async Task<T?> CallAsync<T>(string plugin, string function, Dictionary<string, object?> arguments, CancellationToken ct)
    {
        var args = new KernelArguments();
        foreach (var (key, value) in arguments.Where(a => a.Value is not null)) args[key] = value;
        Calls.Add(new ToolCall(plugin, function, arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value)));
        var result = await kernel.InvokeAsync(plugin, function, args, ct);
        return result.GetValue<T>();
    }
}

/// <summary>A handler's answer and what the conversation remembers after it (null: keep what it had).</summary>
public sealed record Reply(Answer Answer, ConversationContext? Context);

/// <summary>Answers the questions of one intent.</summary>
public interface IIntentHandler
{
    IReadOnlyList<Intent> Intents { get; }

    Task<Reply> HandleAsync(Turn turn, CancellationToken ct);
}
