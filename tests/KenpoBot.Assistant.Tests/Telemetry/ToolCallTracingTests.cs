using System.ComponentModel;
using KenpoBot.Assistant.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Tests.Telemetry;

/// <summary>The one log of a failed tool call: a failure is a warning naming the tool; a call the caller cancelled is not logged.</summary>
public sealed class ToolCallTracingTests
{
    private sealed class Tools
    {
        [KernelFunction("broken"), Description("fails")]
        public string Broken() => throw new InvalidOperationException("索引が読めない");

        [KernelFunction("slow"), Description("waits")]
        public async Task<string> SlowAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "";
        }
    }

    private static (Kernel Kernel, FakeLogCollector Logs) KernelWithTracing()
    {
        var logger = new FakeLogger<ToolCallTracing>();
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromObject(new Tools(), "Test");
        builder.Services.AddSingleton<IFunctionInvocationFilter>(new ToolCallTracing(logger));
        return (builder.Build(), logger.Collector);
    }

    [Fact]
    public async Task FailedCall_IsLoggedOnce_AsAWarningNamingTheTool()
    {
        var (kernel, logs) = KernelWithTracing();

        await Assert.ThrowsAsync<InvalidOperationException>(() => kernel.InvokeAsync("Test", "broken"));

        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("Tool Test-broken failed", record.Message);
        Assert.IsType<InvalidOperationException>(record.Exception);
    }

    [Fact]
    public async Task CallCancelledByTheCaller_IsNotLogged()
    {
        var (kernel, logs) = KernelWithTracing();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kernel.InvokeAsync("Test", "slow", cancellationToken: cancel.Token));

        Assert.Empty(logs.GetSnapshot());
    }
}
