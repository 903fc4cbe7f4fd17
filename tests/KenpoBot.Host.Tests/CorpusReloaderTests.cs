using System.Collections.Concurrent;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Hosting;
using KenpoBot.Hosting.Reload;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Host.Tests;

/// <summary>One reload at a time, in process, on a copy of corpus/: what is refused, what is logged, when the old generation goes.</summary>
public sealed class CorpusReloaderTests : IDisposable
{
    private const string ResultsFile = "kpi/tohoku-2023.results.tsv";

    private readonly string root = Path.Combine(Path.GetTempPath(), "kenpobot-reloader-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLogs logs = new();
    private readonly ServiceProvider services;

    public CorpusReloaderTests()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(KenpoProcess.Root, "corpus"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, "corpus", Path.GetRelativePath(Path.Combine(KenpoProcess.Root, "corpus"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var collection = new ServiceCollection();
        collection.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = root });
        collection.AddSingleton(Options.Create(new KenpoOptions { CorpusPath = "corpus", IndexPath = "index" }));
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSingleton(TimeProvider.System);
        collection.AddLogging(b => b.AddProvider(logs));
        collection.AddHttpClient();
        collection.AddSingleton<IConversationStore>(new ConversationStore(TimeProvider.System));
        collection.AddSingleton<LiveKnowledge>();
        collection.AddSingleton(sp => new KnowledgeGenerationBuilder(sp));
        collection.AddSingleton<CorpusReloader>();
        services = collection.BuildServiceProvider();
        LiveKnowledgeWiring.LoadFirstGeneration(services);
    }

    private LiveKnowledge Live => services.GetRequiredService<LiveKnowledge>();

    private CorpusReloader Reloader => services.GetRequiredService<CorpusReloader>();

    private string Results => Path.Combine(root, "corpus", ResultsFile);

    public void Dispose()
    {
        services.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Reload_SameCorpus_KeepsTheGeneration()
    {
        var first = Live.Current;

        Assert.Equal(ReloadOutcome.Unchanged, Reloader.Reload());
        Assert.Same(first, Live.Current);
    }

    [Fact]
    public void Reload_BrokenRow_IsRefusedOnceWithFileAndLineAndClearedWhenReverted()
    {
        var serving = Live.Current!;
        var original = File.ReadAllText(Results);
        var lines = File.ReadAllLines(Results);
        lines[2] = lines[2].Replace("\t99.9\t", "\t九十九\t", StringComparison.Ordinal);
        File.WriteAllLines(Results, lines);

        Assert.Equal(ReloadOutcome.Refused, Reloader.Reload());
        Assert.Same(serving, Live.Current);
        Assert.Contains(Live.LastFailure!.Errors, e => e.File == ResultsFile && e.Line == 3);
        var logged = logs.Errors.Count(m => m.StartsWith("Corpus problem at " + ResultsFile + ":3:", StringComparison.Ordinal));
        Assert.Equal(1, logged);

        // The same broken content is not reloaded or logged again on the next event or poll.
        Assert.Equal(ReloadOutcome.Unchanged, Reloader.Reload());
        Assert.Equal(logged, logs.Errors.Count(m => m.StartsWith("Corpus problem at " + ResultsFile + ":3:", StringComparison.Ordinal)));

        File.WriteAllText(Results, original);
        Assert.Equal(ReloadOutcome.Unchanged, Reloader.Reload());
        Assert.Null(Live.LastFailure);
        Assert.Same(serving, Live.Current);
    }

    [Fact]
    public async Task Reload_RetiredGeneration_AnswersItsLeasedRequestAndIsDisposedAfterIt()
    {
        var leased = Live.Acquire();
        var glossary = Path.Combine(root, "corpus", "glossary", "glossary.tsv");
        File.WriteAllText(glossary, File.ReadAllText(glossary).Replace("退職等により協会けんぽの資格が無くなった後、", "（改訂）退職等により協会けんぽの資格が無くなった後、", StringComparison.Ordinal));

        Assert.Equal(ReloadOutcome.Reloaded, Reloader.Reload());
        Assert.NotSame(leased, Live.Current);
        Assert.False(leased.IsDisposed);
        var old = await leased.Assistant.AskAsync("a:old", "返納金債権とは？", CancellationToken.None);
        Assert.StartsWith("返納金債権", old.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("（改訂）", old.Text, StringComparison.Ordinal);

        leased.Release();

        Assert.True(leased.IsDisposed);
        var current = Live.Acquire();
        Assert.Contains("（改訂）", (await current.Assistant.AskAsync("a:new", "返納金債権とは？", CancellationToken.None)).Text, StringComparison.Ordinal);
        current.Release();
    }

    private sealed class RecordingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> errors = new();

        public IEnumerable<string> Errors => errors;

        public ILogger CreateLogger(string categoryName) => new Logger(errors);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error) errors.Enqueue(formatter(state, exception));
            }
        }
    }
}
