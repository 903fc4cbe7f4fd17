using KenpoBot.Corpus;
using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;

namespace KenpoBot.Search.Tests.Index;

public sealed class KnowledgeIndexTests
{
    private static readonly KnowledgeBase Knowledge = CorpusLoader.Load(Path.Combine(IndexFixture.RepoRoot, "corpus"));

    private static (KnowledgeIndex Index, KnowledgeSearcher Searcher, string Path) NewIndex()
    {
        var path = Path.Combine(Path.GetTempPath(), "kenpobot-index-tests-" + Guid.NewGuid().ToString("N"));
        var index = new KnowledgeIndex(path, IndexFixture.CreateAnalyzer());
        return (index, new KnowledgeSearcher(index, new JapaneseAnalyzer(), new CjkBigramAnalyzer(), new QueryExpander(Knowledge.Glossary)), path);
    }

    private static string TopId(KnowledgeSearcher searcher) =>
        searcher.Search("返納金債権", new SearchFilter(Kind: EntryKind.Glossary), top: 1).Single().Entry.Id;

    [Fact]
    public void EnsureCurrent_RebuildsOnlyWhenTheCorpusChanged()
    {
        var (index, _, _) = NewIndex();
        using (index)
        {
            var first = index.EnsureCurrent(Knowledge);
            Assert.Equal(first.Generation, index.EnsureCurrent(Knowledge).Generation);
            var changed = new KnowledgeBase(Knowledge.Documents, Knowledge.Kpis, Knowledge.Results, Knowledge.Glossary, "another-hash");
            Assert.NotEqual(first.Generation, index.EnsureCurrent(changed).Generation);
        }
    }

    [Fact]
    public void EnsureCurrent_RebuildsAnIndexOfAnOlderFormat()
    {
        var (index, _, path) = NewIndex();
        var first = index.EnsureCurrent(Knowledge);
        index.Dispose();

        // An index written before the format field existed: its metadata has no "Format".
        var meta = Path.Combine(path, first.Generation, "kenpobot-index.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(meta))!.AsObject();
        Assert.True(json.Remove("Format"));
        File.WriteAllText(meta, json.ToJsonString());

        using var reopened = new KnowledgeIndex(path, IndexFixture.CreateAnalyzer());
        Assert.Equal(1, reopened.Status!.Format);
        var rebuilt = reopened.EnsureCurrent(Knowledge);
        Assert.NotEqual(first.Generation, rebuilt.Generation);
        Assert.Equal(KnowledgeIndex.Format, rebuilt.Format);
        Assert.Equal("返納金債権", TopId(new KnowledgeSearcher(reopened, new JapaneseAnalyzer(), new CjkBigramAnalyzer(), new QueryExpander(Knowledge.Glossary))));
    }

    [Fact]
    public void Rebuild_RemovesOnlyGenerationsOlderThanTheOneReplaced()
    {
        var (index, _, path) = NewIndex();
        using (index)
        {
            var first = index.Rebuild(Knowledge);
            var second = index.Rebuild(Knowledge);
            // Another process sharing the folder, its build still running: named later, no metadata yet.
            var building = Directory.CreateDirectory(Path.Combine(path, "gen-99991231235959999-0000000000")).FullName;

            var third = index.Rebuild(Knowledge);

            Assert.False(Directory.Exists(Path.Combine(path, first.Generation)));
            Assert.True(Directory.Exists(Path.Combine(path, second.Generation)));
            Assert.True(Directory.Exists(Path.Combine(path, third.Generation)));
            Assert.True(Directory.Exists(building));
        }
    }

    [Fact]
    public void Reopen_FindsTheIndexOnDisk()
    {
        var (index, _, path) = NewIndex();
        var status = index.EnsureCurrent(Knowledge);
        index.Dispose();
        using var reopened = new KnowledgeIndex(path, IndexFixture.CreateAnalyzer());
        Assert.Equal(status.Generation, reopened.Status!.Generation);
        Assert.Equal(Knowledge.ContentHash, reopened.Status.CorpusHash);
    }

    [Fact]
    public void CorruptedCorpus_LeavesTheOldIndexAnswering()
    {
        var (index, searcher, _) = NewIndex();
        using (index)
        {
            index.EnsureCurrent(Knowledge);
            var corpus = Path.Combine(Path.GetTempPath(), "kenpobot-corrupt-" + Guid.NewGuid().ToString("N"));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(IndexFixture.RepoRoot, "corpus"), "*", SearchOption.AllDirectories))
            {
                var dest = Path.Combine(corpus, Path.GetRelativePath(Path.Combine(IndexFixture.RepoRoot, "corpus"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(file, dest);
            }
            File.WriteAllText(Path.Combine(corpus, "glossary", "glossary.tsv"), "term\treading\nbroken");

            Assert.Throws<CorpusValidationException>(() => index.Rebuild(CorpusLoader.Load(corpus)));

            Assert.Equal("返納金債権", TopId(searcher));
            Assert.Equal(Knowledge.ContentHash, index.Status!.CorpusHash);
        }
    }

    [Fact]
    public void FailedBuild_LeavesThePreviousGenerationServing()
    {
        var (index, searcher, path) = NewIndex();
        using (index)
        {
            var before = index.EnsureCurrent(Knowledge);
            var entries = CorpusEntries.From(Knowledge).Take(10).Append(null!).ToList(); // a broken entry midway
            Assert.ThrowsAny<Exception>(() => index.Rebuild(entries, "broken"));
            Assert.Equal(before.Generation, index.Status!.Generation);
            Assert.Equal("返納金債権", TopId(searcher));
            Assert.Single(Directory.EnumerateDirectories(path, "gen-*"));
        }
    }

    [Fact]
    public async Task Concurrency_SearchesDuringRebuilds_NeverFailNorGoWrong()
    {
        var (index, searcher, _) = NewIndex();
        using (index)
        {
            index.EnsureCurrent(Knowledge);
            var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                var count = 0;
                while (!stop.IsCancellationRequested || count < 20)
                {
                    try
                    {
                        var top = TopId(searcher);
                        if (top != "返納金債権") errors.Add("wrong top hit: " + top);
                    }
                    catch (Exception ex)
                    {
                        errors.Add(ex.GetType().Name + ": " + ex.Message);
                    }
                    count++;
                }
            })).ToList();
            var writer = Task.Run(() =>
            {
                for (var i = 0; i < 5; i++) index.Rebuild(Knowledge);
            });
            await writer;
            stop.Cancel();
            await Task.WhenAll(readers);
            Assert.Empty(errors);
        }
    }
}
