using KenpoBot.Assistant.Llm;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KenpoBot.Assistant.Tests;

/// <summary>The real corpus, real MeCab and a real on-disk index in a temp folder, shared by the assistant tests.</summary>
public sealed class AssistantFixture : IDisposable
{
    /// <summary>Today in the tests: 2026-11-22 in Japan, in fiscal year 2026 (令和8年度).</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(9));

    private readonly string indexPath = Path.Combine(Path.GetTempPath(), "kenpobot-assistant-tests-" + Guid.NewGuid().ToString("N"));

    public AssistantFixture() : this(_ => { })
    {
    }

    /// <summary>The same services with logging set up by the test (the telemetry tests capture every level).</summary>
    internal AssistantFixture(Action<ILoggingBuilder> logging)
    {
        Knowledge = CorpusLoader.Load(Path.Combine(RepoRoot(), "corpus"));
        Index = new KnowledgeIndex(indexPath, IndexAnalyzers.Create());
        Index.EnsureCurrent(Knowledge);
        var services = new ServiceCollection()
            .AddLogging(logging)
            .AddSingleton(Knowledge)
            .AddSingleton(Index)
            .AddSingleton(new KnowledgeSearcher(Index, new JapaneseAnalyzer(), new CjkBigramAnalyzer(), new QueryExpander(Knowledge.Glossary)))
            .AddSingleton(new KpiEvaluator(Knowledge))
            .AddSingleton<TimeProvider>(new FixedTime(Today))
            .AddKenpoAssistant(new LlmOptions());
        Services = services.BuildServiceProvider();
    }

    public KnowledgeBase Knowledge { get; }

    public KnowledgeIndex Index { get; }

    public ServiceProvider Services { get; }

    public IAssistant Assistant => Services.GetRequiredService<IAssistant>();

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KenpoBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("KenpoBot.sln not found above the test output.");
    }

    public void Dispose()
    {
        Services.Dispose();
        Index.Dispose();
        try { Directory.Delete(indexPath, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AssistantCollection : ICollectionFixture<AssistantFixture>
{
    public const string Name = "assistant";
}

/// <summary>A clock fixed at one instant, so that 昨年度 and 今年度 have known answers.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
