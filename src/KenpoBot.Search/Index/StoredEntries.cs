using Lucene.Net.Search;

namespace KenpoBot.Search.Index;

/// <summary>
/// The entries of one index generation by document number, each read from the stored fields once: a generation never
/// changes, so a hit costs an array read instead of decompressing its stored fields again.
/// </summary>
public sealed class StoredEntries
{
    private SearchEntry?[]? entries;

    public SearchEntry Get(IndexSearcher searcher, int doc)
    {
        var all = Volatile.Read(ref entries);
        if (all is null)
        {
            all = new SearchEntry?[searcher.IndexReader.MaxDoc];
            all = Interlocked.CompareExchange(ref entries, all, null) ?? all;
        }
        // Entries are immutable, so two threads reading the same one at once store equal values.
        return all[doc] ??= KnowledgeIndex.FromDocument(searcher.Doc(doc));
    }
}
