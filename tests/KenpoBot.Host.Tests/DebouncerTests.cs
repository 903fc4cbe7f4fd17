using KenpoBot.Hosting.Reload;

namespace KenpoBot.Host.Tests;

/// <summary>The reload trigger: a burst of file events is one reload, and no event is lost. Delays are completed by hand.</summary>
public sealed class DebouncerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WaitAsync_SignalsDuringTheQuietPeriod_WaitsAnotherPeriodThenReturnsOnce()
    {
        var delays = new HandDelays();
        var debouncer = new Debouncer(Quiet, delays.Delay);

        debouncer.Signal();
        var wait = debouncer.WaitAsync(CancellationToken.None);
        var first = await delays.NextAsync();
        debouncer.Signal();
        debouncer.Signal();
        first.SetResult();
        var second = await delays.NextAsync();

        Assert.False(wait.IsCompleted);
        second.SetResult();
        await wait;
        Assert.Equal([Quiet, Quiet], delays.Requested);
        // The burst was consumed: nothing wakes the next wait until a new signal.
        var next = debouncer.WaitAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        Assert.Equal(2, delays.Requested.Count);
    }

    [Fact]
    public async Task WaitAsync_SignalAfterTheQuietPeriod_StartsTheNextWait()
    {
        var delays = new HandDelays();
        var debouncer = new Debouncer(Quiet, delays.Delay);
        debouncer.Signal();
        var wait = debouncer.WaitAsync(CancellationToken.None);
        (await delays.NextAsync()).SetResult();
        await wait;

        debouncer.Signal();
        var next = debouncer.WaitAsync(CancellationToken.None);
        (await delays.NextAsync()).SetResult();
        await next;

        Assert.Equal(2, delays.Requested.Count);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var debouncer = new Debouncer(Quiet, new HandDelays().Delay);
        using var cancel = new CancellationTokenSource();

        var wait = debouncer.WaitAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    /// <summary>Each requested delay is a task the test completes.</summary>
    private sealed class HandDelays
    {
        private readonly System.Threading.Channels.Channel<TaskCompletionSource> pending = System.Threading.Channels.Channel.CreateUnbounded<TaskCompletionSource>();

        public List<TimeSpan> Requested { get; } = [];

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            lock (Requested) Requested.Add(delay);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pending.Writer.TryWrite(done);
            return done.Task.WaitAsync(cancellationToken);
        }

        public async Task<TaskCompletionSource> NextAsync() => await pending.Reader.ReadAsync();
    }
}
