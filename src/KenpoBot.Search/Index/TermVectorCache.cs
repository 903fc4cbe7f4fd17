using Lucene.Net.Search;

namespace KenpoBot.Search.Index;

/// <summary>
/// The body term vectors of one index generation, each decoded once: snippets read a hit's vector on every search, and a
/// generation never changes. Only for indexes of at most <see cref="MaxDocuments"/> entries (the corpus has about 600); larger
/// ones decode the vector every time.
/// </summary>
public sealed class TermVectorCache
{
    public const int MaxDocuments = 20_000;

    private BodyTermVector?[]? bodies;

    /// <summary>The body vector of a document of the searcher's generation.</summary>
    public BodyTermVector Body(IndexSearcher searcher, int doc)
    {
        var reader = searcher.IndexReader;
        if (reader.MaxDoc > MaxDocuments) return BodyTermVector.Read(reader, doc);
        var kept = Volatile.Read(ref bodies);
        if (kept is null)
        {
            Interlocked.CompareExchange(ref bodies, new BodyTermVector?[reader.MaxDoc], null);
            kept = bodies!;
        }
        if (Volatile.Read(ref kept[doc]) is { } known) return known;
        // Two threads may both decode a vector; they decode the same one, and the first kept serves both.
        var body = BodyTermVector.Read(reader, doc);
        return Interlocked.CompareExchange(ref kept[doc], body, null) ?? body;
    }
}
