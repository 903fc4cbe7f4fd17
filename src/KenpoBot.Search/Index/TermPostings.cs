using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace KenpoBot.Search.Index;

/// <summary>
/// The term statistics and decoded postings of one index generation, kept across searches. A question's search reads about sixty
/// terms (four fields, two analyzers, the expansion); looked up and decoded per search, they were most of a search's work and
/// half the bytes a document question allocated. A generation never changes, so each term is looked up and decoded once, up to
/// <paramref name="maxTerms"/> terms and <paramref name="maxPostings"/> postings in all; terms past either are read per search.
/// </summary>
public sealed class TermPostings(int maxTerms = 50_000, long maxPostings = 4_000_000)
{
    private readonly ConcurrentDictionary<(string Field, string Text), TermEntry> terms = new();
    private readonly ConcurrentDictionary<string, CollectionStatistics> fields = new(StringComparer.Ordinal);
    private IndexReaderContext? top;
    private int termCount;
    private long postingCount;

    /// <summary>Number of terms kept.</summary>
    public int TermCount => Volatile.Read(ref termCount);

    /// <summary>The field's statistics, as <see cref="IndexSearcher.CollectionStatistics"/> gives them.</summary>
    public CollectionStatistics Field(IndexSearcher searcher, string field)
    {
        Check(searcher.TopReaderContext);
        return fields.GetOrAdd(field, searcher.CollectionStatistics);
    }

    /// <summary>The term's statistics and postings in every leaf of <paramref name="searcher"/>'s reader.</summary>
    public TermEntry Term(IndexSearcher searcher, string field, string text)
    {
        Check(searcher.TopReaderContext);
        if (terms.TryGetValue((field, text), out var known)) return known;
        var made = TermEntry.Read(searcher.TopReaderContext, new Term(field, text));
        if (Interlocked.Increment(ref termCount) > maxTerms
            || Interlocked.Add(ref postingCount, made.PostingCount) > maxPostings
            || !terms.TryAdd((field, text), made))
        {
            Interlocked.Decrement(ref termCount);
            Interlocked.Add(ref postingCount, -made.PostingCount);
        }
        return made;
    }

    /// <summary>One generation, one reader: what is kept belongs to the first reader asked about.</summary>
    private void Check(IndexReaderContext context)
    {
        var owner = Interlocked.CompareExchange(ref top, context, null) ?? context;
        if (owner != context) throw new InvalidOperationException("TermPostings belong to one index generation's reader.");
    }
}

/// <summary>A term's statistics over the index and, per leaf, the documents holding it (in order) with the term's frequency.</summary>
public sealed class TermEntry
{
    private TermEntry(TermStatistics statistics, LeafPostings?[] leaves, long postingCount)
    {
        (Statistics, Leaves, PostingCount) = (statistics, leaves, postingCount);
    }

    public TermStatistics Statistics { get; }

    /// <summary>By leaf ordinal; null where the leaf lacks the term.</summary>
    public IReadOnlyList<LeafPostings?> Leaves { get; }

    public long PostingCount { get; }

    /// <summary>
    /// Reads the term as <c>TermQuery</c> does: document frequency and total term frequency summed over the leaves, and every
    /// leaf's postings with frequencies (1 for a field indexed without them), deleted documents included.
    /// </summary>
    internal static TermEntry Read(IndexReaderContext top, Term term)
    {
        var leaves = new LeafPostings?[top.Leaves.Count];
        var docFreq = 0;
        var totalTermFreq = 0L;
        var count = 0L;
        foreach (var leaf in top.Leaves)
        {
            var termsEnum = leaf.AtomicReader.GetTerms(term.Field)?.GetEnumerator();
            if (termsEnum is null || !termsEnum.SeekExact(term.Bytes)) continue;
            docFreq += termsEnum.DocFreq;
            var leafTotal = termsEnum.TotalTermFreq;
            totalTermFreq = totalTermFreq < 0 || leafTotal < 0 ? -1 : totalTermFreq + leafTotal;
            var postings = termsEnum.Docs(null, null);
            var docs = new List<int>(termsEnum.DocFreq);
            var freqs = new List<int>(termsEnum.DocFreq);
            while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                docs.Add(postings.DocID);
                freqs.Add(postings.Freq);
            }
            leaves[leaf.Ord] = new LeafPostings([.. docs], [.. freqs]);
            count += docs.Count;
        }
        return new TermEntry(new TermStatistics(BytesRef.DeepCopyOf(term.Bytes), docFreq, totalTermFreq), leaves, count);
    }
}

/// <summary>A term's postings in one leaf: leaf-local document numbers in increasing order, and the term's frequency in each.</summary>
public sealed record LeafPostings(int[] Docs, int[] Freqs);
