using System.Diagnostics;
using KenpoBot.Corpus;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Hosting.Reload;

public enum ReloadOutcome
{
    /// <summary>The corpus on disk is the one serving, or the one last refused.</summary>
    Unchanged,
    Reloaded,

    /// <summary>The new corpus has problems, or could not be read or indexed: the previous generation keeps serving.</summary>
    Refused,
}

/// <summary>
/// One reload: when the corpus hash differs from the generation serving, builds a new generation and swaps it in. A
/// broken corpus is logged problem by problem (file and line) and refused once per content; nothing here throws.
/// </summary>
public sealed partial class CorpusReloader(LiveKnowledge live, KnowledgeGenerationBuilder builder, TimeProvider time, ILogger<CorpusReloader> logger)
{
    private string? refusedHash;

    public ReloadOutcome Reload()
    {
        string hash;
        try
        {
            hash = CorpusLoader.Hash(builder.CorpusPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, ex, builder.CorpusPath);
            return ReloadOutcome.Refused;
        }
        if (hash == refusedHash) return ReloadOutcome.Unchanged;
        if (hash == live.Current?.Status.CorpusHash)
        {
            // Back to what serves (an editor's temporary file came and went): an earlier refusal no longer applies.
            live.Unrefused();
            refusedHash = null;
            return ReloadOutcome.Unchanged;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var next = builder.Build();
            live.Swap(next);
            refusedHash = null;
            LogReloaded(logger, next.Status.Generation, next.Status.CorpusHash[..12], next.Status.EntryCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return ReloadOutcome.Reloaded;
        }
        catch (CorpusValidationException ex)
        {
            refusedHash = hash;
            foreach (var error in ex.Errors) LogProblem(logger, error.File, error.Line, error.Reason);
            LogRefused(logger, ex.Errors.Count, live.Current?.Status.Generation);
            live.Refused(new ReloadFailure(time.GetUtcNow(), ex.Errors));
            return ReloadOutcome.Refused;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A file half written or the index folder unwritable: tried again on the next change or poll.
            LogFailed(logger, ex, live.Current?.Status.Generation);
            live.Refused(new ReloadFailure(time.GetUtcNow(), [new CorpusError(builder.CorpusPath, 0, ex.Message)]));
            return ReloadOutcome.Refused;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus reloaded: index generation {Generation}, corpus {Hash}, {Entries} entries, in {ElapsedMs:0} ms")]
    private static partial void LogReloaded(ILogger logger, string generation, string hash, int entries, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus problem at {File}:{Line}: {Reason}")]
    private static partial void LogProblem(ILogger logger, string file, int line, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus reload refused ({Count} problems); generation {Generation} keeps serving")]
    private static partial void LogRefused(ILogger logger, int count, string? generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus reload failed; generation {Generation} keeps serving")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the corpus at {Path}")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string path);
}
