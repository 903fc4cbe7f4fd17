using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace KenpoBot.Search.Index;

/// <summary>
/// A disjunction of boosted term groups (one field's terms each), optionally restricted to documents holding every required
/// term, scored term at a time over a generation's decoded <see cref="TermPostings"/>. It ranks and scores exactly as Lucene
/// scores the same <c>BooleanQuery</c> of per-group <c>BooleanQuery</c>s of <c>TermQuery</c>s (in a <c>FilteredQuery</c> when
/// terms are required) with a similarity whose coord and query norm are 1, as BM25's are: a group's score is its terms' scores
/// summed in double and rounded to float, a document's score its groups' scores summed the same way. Lucene's document-at-a-time
/// disjunction keeps a heap of sixty scorers per search; this adds each term's postings into two arrays.
/// </summary>
public sealed class TermGroupSearch
{
    private readonly List<(string Field, IReadOnlyCollection<string> Terms, float Boost)> groups = [];
    private readonly List<(string Field, string Value)> required = [];

    /// <summary>Adds a group: any of <paramref name="terms"/> in <paramref name="field"/>, weighted by <paramref name="boost"/>.</summary>
    public TermGroupSearch Should(string field, IReadOnlyCollection<string> terms, float boost)
    {
        if (terms.Count > 0 && boost > 0) groups.Add((field, terms, boost));
        return this;
    }

    /// <summary>Only documents whose <paramref name="field"/> holds <paramref name="value"/> (not scored).</summary>
    public TermGroupSearch Require(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value)) required.Add((field, value));
        return this;
    }

    /// <summary>The best <paramref name="top"/> documents, by score and then document number, as <c>TopScoreDocCollector</c> keeps them.</summary>
    public ScoreDoc[] Top(IndexSearcher searcher, TermPostings postings, int top)
    {
        if (groups.Count == 0 || top <= 0) return [];
        var similarity = searcher.Similarity;
        // Per group, the terms the index holds with their weights (a term it lacks adds nothing to any document).
        var weighted = groups.Select(g =>
        {
            var field = postings.Field(searcher, g.Field);
            return g.Terms.Select(t => postings.Term(searcher, g.Field, t)).Where(t => t.PostingCount > 0)
                .Select(t => (Term: t, Weight: Weight(similarity, field, t, g.Boost))).ToList();
        }).ToList();
        var filter = required.Select(r => postings.Term(searcher, r.Field, r.Value)).ToList();

        var best = new Best(top);
        var scores = LeafScores.Rent(searcher.IndexReader.MaxDoc);
        try
        {
            foreach (var leaf in searcher.TopReaderContext.Leaves)
            {
                scores.Open(leaf.AtomicReader.MaxDoc);
                if (!scores.Allow(filter, leaf.Ord, leaf.AtomicReader.LiveDocs)) continue;
                foreach (var group in weighted)
                {
                    foreach (var (term, weight) in group)
                    {
                        if (term.Leaves[leaf.Ord] is { } leafPostings) scores.Add(leafPostings, similarity.GetSimScorer(weight, leaf));
                    }
                    scores.EndGroup();
                }
                scores.Collect(best, leaf.DocBase);
            }
        }
        finally
        {
            scores.Clear();
        }
        return best.ToArray();
    }

    /// <summary>The term's weight as a <c>TermQuery</c> of boost 1 gets it under a group of <paramref name="boost"/>: query norm 1.</summary>
    private static Similarity.SimWeight Weight(Similarity similarity, CollectionStatistics field, TermEntry term, float boost)
    {
        var weight = similarity.ComputeWeight(1f, field, term.Statistics);
        weight.Normalize(1f, boost);
        return weight;
    }

    /// <summary>The best documents so far, best first: higher score, then lower document number.</summary>
    private sealed class Best(int size)
    {
        private readonly List<(float Score, int Doc)> kept = new(Math.Min(size, 128));

        public void Offer(float score, int doc)
        {
            if (kept.Count == size && !Before(score, doc, kept[^1])) return;
            var at = kept.Count;
            while (at > 0 && Before(score, doc, kept[at - 1])) at--;
            if (kept.Count == size) kept.RemoveAt(kept.Count - 1);
            kept.Insert(at, (score, doc));
        }

        public ScoreDoc[] ToArray() => [.. kept.Select(k => new ScoreDoc(k.Doc, k.Score))];

        private static bool Before(float score, int doc, (float Score, int Doc) other) =>
            score > other.Score || (score == other.Score && doc < other.Doc);
    }

    /// <summary>
    /// One leaf's sums: the current group's in double per document, the documents' in double over the groups' floats. Kept per
    /// thread and cleared where it was written, so a search allocates no arrays.
    /// </summary>
    private sealed class LeafScores
    {
        [ThreadStatic]
        private static LeafScores? t_cached;

        private double[] group = [];
        private double[] total = [];
        private bool[] allowed = [];
        private bool[] matched = [];
        private bool[] scored = [];
        private int[] counts = [];
        private readonly List<int> inGroup = [];
        private readonly List<int> inTotal = [];
        private int maxDoc;

        public static LeafScores Rent(int capacity)
        {
            var scores = t_cached ??= new LeafScores();
            if (scores.group.Length < capacity) scores.Grow(capacity);
            return scores;
        }

        private void Grow(int capacity)
        {
            (group, total, allowed, matched, scored, counts) =
                (new double[capacity], new double[capacity], new bool[capacity], new bool[capacity], new bool[capacity], new int[capacity]);
        }

        public void Open(int leafMaxDoc)
        {
            if (group.Length < leafMaxDoc) Grow(leafMaxDoc);
            maxDoc = leafMaxDoc;
        }

        /// <summary>Marks the live documents holding every required term; false when there are none.</summary>
        public bool Allow(IReadOnlyList<TermEntry> filter, int leaf, Lucene.Net.Util.IBits? live)
        {
            if (filter.Count == 0)
            {
                for (var doc = 0; doc < maxDoc; doc++) allowed[doc] = live is null || live.Get(doc);
                return true;
            }
            Array.Clear(counts, 0, maxDoc);
            foreach (var term in filter)
            {
                if (term.Leaves[leaf] is not { } postings) return false;
                foreach (var doc in postings.Docs) counts[doc]++;
            }
            var any = false;
            for (var doc = 0; doc < maxDoc; doc++)
            {
                allowed[doc] = counts[doc] == filter.Count && (live is null || live.Get(doc));
                any |= allowed[doc];
            }
            return any;
        }

        public void Add(LeafPostings postings, Similarity.SimScorer scorer)
        {
            var (docs, freqs) = (postings.Docs, postings.Freqs);
            for (var i = 0; i < docs.Length; i++)
            {
                var doc = docs[i];
                if (!allowed[doc]) continue;
                if (!matched[doc])
                {
                    matched[doc] = true;
                    inGroup.Add(doc);
                }
                group[doc] += scorer.Score(doc, freqs[i]);
            }
        }

        public void EndGroup()
        {
            foreach (var doc in inGroup)
            {
                if (!scored[doc])
                {
                    scored[doc] = true;
                    inTotal.Add(doc);
                }
                total[doc] += (float)group[doc];
                group[doc] = 0;
                matched[doc] = false;
            }
            inGroup.Clear();
        }

        /// <summary>Clears what a search that stopped half-way wrote.</summary>
        public void Clear()
        {
            EndGroup();
            foreach (var doc in inTotal) (total[doc], scored[doc]) = (0, false);
            inTotal.Clear();
        }

        /// <summary>Offers the leaf's matched documents and clears their sums.</summary>
        public void Collect(Best best, int docBase)
        {
            foreach (var doc in inTotal)
            {
                best.Offer((float)total[doc], docBase + doc);
                total[doc] = 0;
                scored[doc] = false;
            }
            inTotal.Clear();
        }
    }
}
