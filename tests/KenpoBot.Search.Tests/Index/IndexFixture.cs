using KenpoBot.Corpus;
using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;

namespace KenpoBot.Search.Tests.Index;

/// <summary>The real corpus in a real on-disk index, in a temp folder.</summary>
public sealed class IndexFixture : IDisposable
{
    public IndexFixture()
    {
        Knowledge = CorpusLoader.Load(Path.Combine(RepoRoot, "corpus"));
        Path_ = Path.Combine(System.IO.Path.GetTempPath(), "kenpobot-search-tests-" + Guid.NewGuid().ToString("N"));
        Index = new KnowledgeIndex(Path_, CreateAnalyzer());
        Index.EnsureCurrent(Knowledge);
        Searcher = new KnowledgeSearcher(Index, new JapaneseAnalyzer(), new CjkBigramAnalyzer(), new QueryExpander(Knowledge.Glossary));
    }

    public static string RepoRoot { get; } = FindRoot();

    public KnowledgeBase Knowledge { get; }

    public string Path_ { get; }

    public KnowledgeIndex Index { get; }

    public KnowledgeSearcher Searcher { get; }

    public static Analyzer CreateAnalyzer() => IndexAnalyzers.Create();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KenpoBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("KenpoBot.sln not found above the test output.");
    }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(Path_, recursive: true); } catch (IOException) { }
    }
}
