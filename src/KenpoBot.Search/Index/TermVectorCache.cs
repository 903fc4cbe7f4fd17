using Lucene.Net.Index;
using Lucene.Net.Search;

namespace KenpoBot.Search.Index;

/// <summary>
/// The term vectors of one index generation, each decoded once: the snippet highlighter reads a hit's vector on every search,
/// and a generation never changes. Only for indexes of at most <see cref="MaxDocuments"/> entries (the corpus has about 600);
/// larger ones read the vectors every time.
/// </summary>
public sealed class TermVectorCache
{
    public const int MaxDocuments = 20_000;

    private IndexReader? reader;

    /// <summary>The reader to highlight with: the searcher's own, or a view of it whose term vectors are kept once read.</summary>
    public IndexReader Reader(IndexSearcher searcher)
    {
        if (Volatile.Read(ref reader) is { } known) return known;
        var top = searcher.IndexReader;
        IndexReader made = top.MaxDoc > MaxDocuments ? top : new CachingReader(SlowCompositeReaderWrapper.Wrap(top));
        return Interlocked.CompareExchange(ref reader, made, null) ?? made;
    }

    /// <remarks>Decoded vectors are read-only arrays; every enumeration makes its own enumerator, so threads can share them.</remarks>
    private sealed class CachingReader(AtomicReader inner) : FilterAtomicReader(inner)
    {
        private readonly Lucene.Net.Index.Fields?[] vectors = new Lucene.Net.Index.Fields?[inner.MaxDoc];

        public override Lucene.Net.Index.Fields GetTermVectors(int docID) => vectors[docID] ??= base.GetTermVectors(docID);

        // The wrapped reader belongs to the searcher manager, which closes it.
        protected override void DoClose()
        {
        }
    }
}
