using KenpoBot.Assistant.Telemetry;
using KenpoBot.Corpus;

namespace KenpoBot.Hosting.Reload;

/// <summary>What a failed reload found: when, and each problem with its file and line.</summary>
public sealed record ReloadFailure(DateTimeOffset At, IReadOnlyList<CorpusError> Errors);

/// <summary>The knowledge generation now serving, swapped atomically by a reload; the old one retires after its requests.</summary>
public sealed class LiveKnowledge : IDisposable
{
    private KnowledgeGeneration? current;
    private ReloadFailure? lastFailure;
    private int loads;

    /// <summary>The generation serving, or null before the first load.</summary>
    public KnowledgeGeneration? Current => Volatile.Read(ref current);

    /// <summary>The last reload that was refused, until a reload succeeds.</summary>
    public ReloadFailure? LastFailure => Volatile.Read(ref lastFailure);

    /// <summary>How many generations have served, the first included.</summary>
    public int Loads => Volatile.Read(ref loads);

    /// <summary>A lease on the current generation; release it when done.</summary>
    public KnowledgeGeneration Acquire()
    {
        while (true)
        {
            var generation = Volatile.Read(ref current) ?? throw new InvalidOperationException("知識がまだ読み込まれていません。");
            if (generation.TryAcquire()) return generation;
            // Retired between the read and the lease: the next read sees its successor.
        }
    }

    public void Swap(KnowledgeGeneration next)
    {
        var old = Interlocked.Exchange(ref current, next);
        Interlocked.Increment(ref loads);
        Volatile.Write(ref lastFailure, null);
        KenpoTelemetry.ObserveIndex(next.Index);
        old?.Retire();
    }

    public void Refused(ReloadFailure failure) => Volatile.Write(ref lastFailure, failure);

    /// <summary>The corpus on disk is back to the one serving: an earlier refusal no longer applies.</summary>
    public void Unrefused() => Volatile.Write(ref lastFailure, null);

    public void Dispose() => Interlocked.Exchange(ref current, null)?.Retire();
}
