using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace KenpoBot.Search.Index;

/// <summary>
/// The term statistics and postings enumerators of one index generation, kept across searches. A question's search makes about
/// sixty term queries (four fields, two analyzers, the expansion); Lucene's <see cref="TermQuery"/> looks each term up in the
/// terms dictionary again and makes a terms enumerator and a postings enumerator with its block buffers per term: half the bytes
/// a document question allocated. A generation never changes, so a term's statistics are looked up once (up to
/// <paramref name="maxTerms"/> terms; terms past it are looked up per search), and each search borrows a <see cref="Lease"/> whose
/// enumerators the previous searches made.
/// </summary>
public sealed class TermPostings(int maxTerms = 50_000)
{
    private static readonly int MaxIdle = Environment.ProcessorCount * 4;

    private readonly ConcurrentDictionary<(string Field, string Text), (Term Term, TermContext States)> terms = new();
    private readonly ConcurrentBag<Lease> idle = [];
    private int termCount;
    private int idleCount;

    /// <summary>Number of terms whose statistics are kept.</summary>
    public int TermCount => Volatile.Read(ref termCount);

    /// <summary>A lease for one search over <paramref name="top"/>; dispose it when the search has been collected.</summary>
    public Lease Rent(IndexReaderContext top)
    {
        if (idle.TryTake(out var lease)) Interlocked.Decrement(ref idleCount);
        else lease = new Lease(this);
        lease.Open(top);
        return lease;
    }

    private (Term Term, TermContext States) Lookup(IndexReaderContext top, string field, string text)
    {
        if (terms.TryGetValue((field, text), out var known) && known.States.TopReaderContext == top) return known;
        var term = new Term(field, text);
        var made = (term, TermContext.Build(top, term));
        if (Interlocked.Increment(ref termCount) > maxTerms || !terms.TryAdd((field, text), made)) Interlocked.Decrement(ref termCount);
        return made;
    }

    private void Return(Lease lease)
    {
        if (Interlocked.Increment(ref idleCount) <= MaxIdle) idle.Add(lease);
        else Interlocked.Decrement(ref idleCount);
    }

    /// <summary>
    /// The term queries of one search and the enumerators they read: each query takes the next unused postings enumerator of its
    /// field, reset to its term. Used by one thread at a time; after <see cref="Dispose"/> its queries read postings the
    /// ordinary way (<see cref="Epoch"/> moved on).
    /// </summary>
    public sealed class Lease : IDisposable
    {
        private readonly TermPostings owner;
        private readonly Dictionary<(int Leaf, string Field), Slot> slots = [];
        private IndexReaderContext? top;
        private int epoch;

        internal Lease(TermPostings owner) => this.owner = owner;

        internal int Epoch => Volatile.Read(ref epoch);

        internal void Open(IndexReaderContext context) => top = context;

        /// <summary>A query for <paramref name="text"/> in <paramref name="field"/>, scored as <see cref="TermQuery"/> scores it.</summary>
        public Query Query(string field, string text)
        {
            var (term, states) = owner.Lookup(top ?? throw new ObjectDisposedException(nameof(Lease)), field, text);
            return new PooledTermQuery(term, states, this);
        }

        internal DocsEnum Docs(AtomicReaderContext leaf, Term term, TermState state, IBits acceptDocs)
        {
            if (!slots.TryGetValue((leaf.Ord, term.Field), out var slot))
            {
                // A generation's reader does not change, so neither do its leaves' terms.
                slot = new Slot(leaf.AtomicReader.GetTerms(term.Field).GetEnumerator());
                slots[(leaf.Ord, term.Field)] = slot;
            }
            slot.Terms.SeekExact(term.Bytes, state);
            var reuse = slot.Used < slot.Docs.Count ? slot.Docs[slot.Used] : null;
            var docs = slot.Terms.Docs(acceptDocs, reuse);
            if (reuse is null) slot.Docs.Add(docs);
            else slot.Docs[slot.Used] = docs;
            slot.Used++;
            return docs;
        }

        public void Dispose()
        {
            if (top is null) return;
            top = null;
            Interlocked.Increment(ref epoch);
            foreach (var slot in slots.Values) slot.Used = 0;
            owner.Return(this);
        }

        private sealed class Slot(TermsEnum terms)
        {
            public TermsEnum Terms { get; } = terms;

            public List<DocsEnum> Docs { get; } = [];

            public int Used { get; set; }
        }
    }
}
