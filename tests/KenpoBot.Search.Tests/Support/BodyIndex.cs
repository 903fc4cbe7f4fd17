using KenpoBot.Search.Index;
using Lucene.Net.Analysis;

namespace KenpoBot.Search.Tests.Support;

/// <summary>An index of made-up bodies, one entry each (document number = place in the list), written with the given analyzer.</summary>
public sealed class BodyIndex : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "kenpobot-bodies-" + Guid.NewGuid().ToString("N"));

    public BodyIndex(Analyzer analyzer, IReadOnlyList<string> bodies)
    {
        Index = new KnowledgeIndex(path, analyzer);
        var entries = bodies.Select((body, i) => new SearchEntry(EntryKind.Section, $"body-{i}", "doc", "本文", "本文", "本文", "秋田", default, "", body)).ToList();
        Index.Rebuild(entries, "bodies");
    }

    public KnowledgeIndex Index { get; }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(path, recursive: true); } catch (IOException) { }
    }
}
