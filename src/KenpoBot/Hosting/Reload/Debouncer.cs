namespace KenpoBot.Hosting.Reload;

/// <summary>
/// Turns a burst of signals (an editor's save, a checkout) into one wake-up: <see cref="WaitAsync"/> returns once a signal
/// came and then none for the quiet period. A signal during or after a wait is never lost: it starts the next one.
/// </summary>
public sealed class Debouncer(TimeSpan quiet, Func<TimeSpan, CancellationToken, Task> delay)
{
    private readonly SemaphoreSlim pending = new(0, 1);
    private long signals;

    public Debouncer(TimeSpan quiet, TimeProvider time) : this(quiet, (d, ct) => Task.Delay(d, time, ct))
    {
    }

    public void Signal()
    {
        Interlocked.Increment(ref signals);
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pending.
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await pending.WaitAsync(cancellationToken);
        while (true)
        {
            // Drained before reading the count: a signal after the read is then either counted or left pending.
            pending.Wait(0, CancellationToken.None);
            var seen = Interlocked.Read(ref signals);
            await delay(quiet, cancellationToken);
            if (Interlocked.Read(ref signals) == seen) return;
        }
    }
}
