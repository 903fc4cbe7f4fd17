using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace KenpoBot.Search.Index;

/// <summary>
/// A <see cref="TermQuery"/> whose term statistics come from <see cref="TermPostings"/> and whose postings enumerators are
/// borrowed from the search's <see cref="TermPostings.Lease"/> instead of made per term and search. It scores exactly as
/// <see cref="TermQuery"/> does (<c>SimScorer.Score(doc, freq)</c> with the same weight); after its lease is returned it reads
/// postings the ordinary way, so a query kept past its search (an explanation) stays correct.
/// </summary>
internal sealed class PooledTermQuery(Term term, TermContext states, TermPostings.Lease lease) : Query
{
    private readonly int epoch = lease.Epoch;

    public Term Term => term;

    public override Weight CreateWeight(IndexSearcher searcher) =>
        states.TopReaderContext == searcher.TopReaderContext
            ? new PooledWeight(this, searcher, states)
            : new TermQuery(term) { Boost = Boost }.CreateWeight(searcher);

    public override void ExtractTerms(ISet<Term> terms) => terms.Add(term);

    public override string ToString(string field) =>
        (term.Field == field ? "" : term.Field + ":") + term.Text + ToStringUtils.Boost(Boost);

    public override bool Equals(object? obj) => obj is PooledTermQuery other && Boost == other.Boost && term.Equals(other.Term);

    public override int GetHashCode() => HashCode.Combine(Boost, term);

    private DocsEnum Docs(AtomicReaderContext context, TermState state, IBits acceptDocs)
    {
        if (lease.Epoch == epoch) return lease.Docs(context, term, state, acceptDocs);
        var terms = context.AtomicReader.GetTerms(term.Field).GetEnumerator();
        terms.SeekExact(term.Bytes, state);
        return terms.Docs(acceptDocs, null);
    }

    private sealed class PooledWeight(PooledTermQuery query, IndexSearcher searcher, TermContext states) : Weight
    {
        private readonly Similarity similarity = searcher.Similarity;
        private readonly Similarity.SimWeight stats = searcher.Similarity.ComputeWeight(query.Boost,
            searcher.CollectionStatistics(query.Term.Field), searcher.TermStatistics(query.Term, states));

        public override Query Query => query;

        public override float GetValueForNormalization() => stats.GetValueForNormalization();

        public override void Normalize(float queryNorm, float topLevelBoost) => stats.Normalize(queryNorm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs) =>
            states.Get(context.Ord) is { } state
                ? new PostingsScorer(this, query.Docs(context, state, acceptDocs), similarity.GetSimScorer(stats, context))
                : null;

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is { } scorer && scorer.Advance(doc) == doc)
            {
                float freq = scorer.Freq;
                var score = similarity.GetSimScorer(stats, context).Explain(doc, new Explanation(freq, "termFreq=" + freq));
                var result = new ComplexExplanation { Description = $"weight({query} in {doc}) [{similarity.GetType().Name}], result of:", Value = score.Value, Match = true };
                result.AddDetail(score);
                return result;
            }
            return new ComplexExplanation(false, 0f, "no matching term");
        }
    }

    /// <summary>What <c>TermScorer</c> does: the postings in document order, each scored from its frequency.</summary>
    private sealed class PostingsScorer(Weight weight, DocsEnum docs, Similarity.SimScorer scorer) : Scorer(weight)
    {
        public override int DocID => docs.DocID;

        public override int Freq => docs.Freq;

        public override int NextDoc() => docs.NextDoc();

        public override int Advance(int target) => docs.Advance(target);

        public override float GetScore() => scorer.Score(docs.DocID, docs.Freq);

        public override long GetCost() => docs.GetCost();
    }
}
