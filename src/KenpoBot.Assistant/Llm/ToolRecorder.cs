using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Llm;

/// <summary>A tool the model called, and what it returned (null when it failed).</summary>
public sealed record RecordedTool(ToolCall Call, object? Result);

/// <summary>Records each tool the model invokes in one turn, with its result, in order.</summary>
public sealed class ToolRecorder : IAutoFunctionInvocationFilter
{
    private readonly List<RecordedTool> tools = [];
    private readonly Lock gate = new();

    public IReadOnlyList<RecordedTool> Tools { get { lock (gate) return [.. tools]; } }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        var call = new ToolCall(context.Function.PluginName ?? "", context.Function.Name, (context.Arguments ?? []).ToDictionary(a => a.Key, a => a.Value));
        object? result = null;
        try
        {
            await next(context);
            result = context.Result.GetValue<object?>();
        }
        finally
        {
            lock (gate) tools.Add(new RecordedTool(call, result));
        }
    }
}
