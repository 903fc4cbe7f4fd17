using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Hosting.Reload;

/// <summary>
/// Watches the corpus folder while the bot serves and reloads it in the background once the changes settle. A poll by
/// corpus hash backs the file-system events up (a network share, a folder replaced whole, an overflowed event queue).
/// </summary>
public sealed partial class CorpusWatcher(CorpusReloader reloader, KnowledgeGenerationBuilder builder, TimeProvider time, ILogger<CorpusWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var debouncer = new Debouncer(Quiet, time);
        using var watcher = Watch(builder.CorpusPath, debouncer);
        using var poll = time.CreateTimer(_ => debouncer.Signal(), null, Poll, Poll);
        try
        {
            while (true)
            {
                await debouncer.WaitAsync(stoppingToken);
                try
                {
                    await Task.Run(reloader.Reload, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReloadCrashed(logger, ex); // an escaped exception would stop the host
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private FileSystemWatcher? Watch(string path, Debouncer debouncer)
    {
        try
        {
            var watcher = new FileSystemWatcher(path)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => debouncer.Signal();
            watcher.Created += (_, _) => debouncer.Signal();
            watcher.Deleted += (_, _) => debouncer.Signal();
            watcher.Renamed += (_, _) => debouncer.Signal();
            watcher.Error += (_, e) =>
            {
                LogWatchError(logger, e.GetException());
                debouncer.Signal();
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException)
        {
            LogNotWatched(logger, ex, path, Poll.TotalSeconds);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus reload failed unexpectedly; the current generation keeps serving")]
    private static partial void LogReloadCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Corpus watch error; checking the corpus now")]
    private static partial void LogWatchError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Path}; the corpus is checked every {Seconds} s instead")]
    private static partial void LogNotWatched(ILogger logger, Exception exception, string path, double seconds);
}
