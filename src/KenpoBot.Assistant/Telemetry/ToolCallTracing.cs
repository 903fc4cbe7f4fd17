using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Telemetry;

/// <summary>
/// One span per Kernel function call. A Kernel filter sees every call: the offline handlers' (Turn.CallAsync) and the LLM's
/// automatic function calls alike. Tags the plugin and function, never the arguments (they hold the user's words). The one
/// log of a failed call (Semantic Kernel's own error log is turned off in appsettings.json): a call cancelled because the
/// caller went away is not a failure and is not logged.
/// </summary>
public sealed partial class ToolCallTracing(ILogger<ToolCallTracing> logger) : IFunctionInvocationFilter
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
            if (!(ex is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
                LogToolFailed(logger, ex, context.Function.PluginName, context.Function.Name);
            throw;
        }
        KenpoTelemetry.RecordToolResult(activity, context.Function.Metadata.ReturnParameter.ParameterType, context.Result.GetValue<object>());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Plugin}-{Function} failed")]
    private static partial void LogToolFailed(ILogger logger, Exception exception, string? plugin, string function);
}
