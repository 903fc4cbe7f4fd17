using System.Diagnostics;

namespace KenpoBot.Cli;

/// <summary>
/// Brings a measured path to a running server's state before it is timed: tiered compilation moves hot methods to optimised
/// code in batches for many seconds, so the work is repeated until no method has been compiled for <c>quiet</c> (at least
/// <c>minimum</c>, at most a minute).
/// </summary>
public static class SteadyState
{
    public static async Task<TimeSpan> WarmUpAsync(Func<Task> pass, TimeSpan quiet, TimeSpan minimum)
    {
        var warm = Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while ((warm.Elapsed - quietSince < quiet || warm.Elapsed < minimum) && warm.Elapsed < TimeSpan.FromMinutes(1))
        {
            await pass();
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) (compiled, quietSince) = (now, warm.Elapsed);
        }
        return warm.Elapsed;
    }

    public static void WarmUp(Action pass, TimeSpan quiet, TimeSpan minimum) =>
        WarmUpAsync(() => { pass(); return Task.CompletedTask; }, quiet, minimum).GetAwaiter().GetResult();
}
