using KenpoBot.Assistant;
using KenpoBot.Search.Index;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Hosting.Reload;

/// <summary>
/// One loaded corpus and everything built from it, in its own service provider. Requests hold a lease while they use it;
/// once retired, the provider is disposed when the last lease is released.
/// </summary>
public sealed partial class KnowledgeGeneration
{
    private readonly ServiceProvider services;
    private readonly ILogger logger;
    private int leases = 1; // the owner's, dropped by Retire

    public KnowledgeGeneration(ServiceProvider services, DateTimeOffset loadedAt)
    {
        this.services = services;
        logger = services.GetRequiredService<ILogger<KnowledgeGeneration>>();
        Assistant = services.GetRequiredService<IAssistant>();
        Index = services.GetRequiredService<KnowledgeIndex>();
        Status = Index.Status ?? throw new InvalidOperationException("索引が作成されていません。");
        LoadedAt = loadedAt;
    }

    public IAssistant Assistant { get; }

    public KnowledgeIndex Index { get; }

    /// <summary>The index generation serving this corpus, with the corpus hash it was built from.</summary>
    public IndexStatus Status { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>True once retired with every lease released: its provider is being or has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref leases) == 0;

    /// <summary>Takes a lease; false once the generation is retired and every lease released.</summary>
    public bool TryAcquire()
    {
        var seen = Volatile.Read(ref leases);
        while (seen > 0)
        {
            var found = Interlocked.CompareExchange(ref leases, seen + 1, seen);
            if (found == seen) return true;
            seen = found;
        }
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref leases) == 0) _ = DisposeAsync();
    }

    /// <summary>Drops the owner's lease: the provider goes when the requests using it are done.</summary>
    public void Retire() => Release();

    /// <summary>Whoever releases last may be a request: a failing Dispose is logged, never thrown at the user.</summary>
    private async Task DisposeAsync()
    {
        try
        {
            await services.DisposeAsync();
        }
        catch (Exception ex)
        {
            LogDisposeFailed(logger, ex, Status.Generation);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not dispose the retired knowledge generation {Generation}")]
    private static partial void LogDisposeFailed(ILogger logger, Exception exception, string generation);
}
