using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Telemetry;

/// <summary>
/// One span per Kernel function call. A Kernel filter sees every call: the offline handlers' (Turn.CallAsync) and the LLM's
/// automatic function calls alike. Tags the plugin and function, never the arguments (they hold the user's words).
/// </summary>
public sealed class ToolCallTracing : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        using var activity = KenpoTelemetry.StartToolCall(context.Function.PluginName, context.Function.Name);
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            KenpoTelemetry.RecordToolResult(activity, null, null, ex);
            throw;
        }
        KenpoTelemetry.RecordToolResult(activity, context.Function.Metadata.ReturnParameter.ParameterType, context.Result.GetValue<object>());
    }
}
