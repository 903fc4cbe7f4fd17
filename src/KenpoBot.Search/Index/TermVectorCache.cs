using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Util;
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

    /// <remarks>
    /// Decoded vectors are read-only arrays; every enumeration makes its own enumerator, so threads can share them. The
    /// highlighter also weighs each matched term by its document frequency in the index (a terms-dictionary seek per term and
    /// hit): those are kept too, through <see cref="Fields"/>, which only the highlighter reads.
    /// </remarks>
    private sealed class CachingReader(AtomicReader inner) : FilterAtomicReader(inner)
    {
        private readonly Lucene.Net.Index.Fields?[] vectors = new Lucene.Net.Index.Fields?[inner.MaxDoc];
        private readonly ConcurrentDictionary<(string Field, string Term), int> docFreqs = new();
        private Lucene.Net.Index.Fields? fields;

        public override Lucene.Net.Index.Fields GetTermVectors(int docID) => vectors[docID] ??= base.GetTermVectors(docID);

        public override Lucene.Net.Index.Fields Fields => fields ??= new DocFreqFields(base.Fields, docFreqs);

        // The wrapped reader belongs to the searcher manager, which closes it.
        protected override void DoClose()
        {
        }
    }

    private sealed class DocFreqFields(Lucene.Net.Index.Fields inner, ConcurrentDictionary<(string Field, string Term), int> docFreqs) : FilterAtomicReader.FilterFields(inner)
    {
        public override Terms GetTerms(string field) => m_input.GetTerms(field) is { } terms ? new DocFreqTerms(terms, field, docFreqs) : null!;
    }

    private sealed class DocFreqTerms(Terms inner, string field, ConcurrentDictionary<(string Field, string Term), int> docFreqs) : FilterAtomicReader.FilterTerms(inner)
    {
        public override TermsEnum GetEnumerator() => new DocFreqTermsEnum(m_input, field, docFreqs);

        public override TermsEnum GetEnumerator(TermsEnum reuse) => GetEnumerator();
    }

    /// <summary>
    /// Answers <see cref="SeekExact(BytesRef)"/> and <see cref="DocFreq"/> from the kept frequencies, opening the index's own
    /// enumerator (a terms-dictionary walk) only for a term not seen before or for anything else asked of it.
    /// </summary>
    private sealed class DocFreqTermsEnum(Terms terms, string field, ConcurrentDictionary<(string Field, string Term), int> docFreqs) : TermsEnum
    {
        private TermsEnum? real;
        private BytesRef? seeked;
        private int keptDocFreq = -1;

        private TermsEnum Real => real ??= terms.GetEnumerator();

        /// <summary>The index's enumerator, positioned where a kept answer said this one is.</summary>
        private TermsEnum Positioned()
        {
            if (keptDocFreq >= 0)
            {
                Real.SeekExact(seeked!);
                keptDocFreq = -1;
            }
            return Real;
        }

        public override bool SeekExact(BytesRef text)
        {
            var key = (field, text.Utf8ToString());
            if (docFreqs.TryGetValue(key, out var kept))
            {
                seeked = BytesRef.DeepCopyOf(text);
                keptDocFreq = kept;
                return kept > 0;
            }
            keptDocFreq = -1;
            var found = Real.SeekExact(text);
            docFreqs.TryAdd(key, found ? Real.DocFreq : 0);
            return found;
        }

        public override int DocFreq => keptDocFreq >= 0 ? keptDocFreq : Real.DocFreq;

        public override IComparer<BytesRef> Comparer => terms.Comparer;

        public override SeekStatus SeekCeil(BytesRef text)
        {
            keptDocFreq = -1;
            return Real.SeekCeil(text);
        }

        public override void SeekExact(long ord)
        {
            keptDocFreq = -1;
            Real.SeekExact(ord);
        }

        public override void SeekExact(BytesRef term, TermState state)
        {
            keptDocFreq = -1;
            Real.SeekExact(term, state);
        }

        public override BytesRef Term => Positioned().Term;

        public override long Ord => Positioned().Ord;

        public override long TotalTermFreq => Positioned().TotalTermFreq;

        public override TermState GetTermState() => Positioned().GetTermState();

        public override DocsEnum Docs(IBits liveDocs, DocsEnum reuse, DocsFlags flags) => Positioned().Docs(liveDocs, reuse, flags);

        public override DocsAndPositionsEnum DocsAndPositions(IBits liveDocs, DocsAndPositionsEnum reuse, DocsAndPositionsFlags flags) =>
            Positioned().DocsAndPositions(liveDocs, reuse, flags);

        public override bool MoveNext() => Positioned().MoveNext();

        [Obsolete("Use MoveNext() and Term instead.")]
        public override BytesRef Next() => MoveNext() ? Term : null!;
    }
}
