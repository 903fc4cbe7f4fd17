using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace KenpoBot.Search.Index;

/// <summary>
/// Okapi BM25 scoring exactly as <see cref="BM25Similarity"/> scores (same idf, same length normalisation, same float
/// arithmetic, same norms at index time), made cheaper per query term: the length normalisation table depends only on a
/// field's average length, so it is computed once per field and index generation and shared by every term, instead of
/// 256 floats per term per search; and the idf is kept as a number, its explanation written only when asked for.
/// </summary>
public sealed class Bm25Ranking(float k1 = 1.2f, float b = 0.75f) : Similarity
{
    private const int MaxTables = 64;

    public float K1 { get; } = k1;

    public float B { get; } = b;

    /// <summary>Norms are encoded as <see cref="BM25Similarity"/> encodes them, so an index is the same either way.</summary>
    private readonly BM25Similarity _norms = new(k1, b);

    private readonly ConcurrentDictionary<float, float[]> _tables = new();

    /// <summary>Decoded field lengths by norm byte: 1 / f² for f = <see cref="SmallSingle.SByte315ToSingle"/>.</summary>
    private static readonly float[] FieldLengths = [.. Enumerable.Range(0, 256).Select(i =>
    {
        var f = SmallSingle.SByte315ToSingle((sbyte)i);
        return 1.0f / (f * f);
    })];

    public override long ComputeNorm(FieldInvertState state) => _norms.ComputeNorm(state);

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        var maxDoc = collectionStats.MaxDoc;
        var idf = 0.0f;
        foreach (var term in termStats) idf += Idf(term.DocFreq, maxDoc);
        var averageLength = AverageLength(collectionStats);
        return new Stats(collectionStats.Field, idf, termStats, maxDoc, queryBoost, averageLength, Table(averageLength));
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var stats = (Stats)weight;
        return new Scorer(this, stats, context.AtomicReader.GetNormValues(stats.Field));
    }

    public override string ToString() => $"BM25(k1={K1},b={B}) shared norms";

    private static float Idf(long docFreq, long docCount) => (float)Math.Log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));

    private static float AverageLength(CollectionStatistics stats) =>
        stats.SumTotalTermFreq <= 0 ? 1f : (float)(stats.SumTotalTermFreq / (double)stats.MaxDoc);

    /// <summary>k1 · ((1 − b) + b · length / average) for each norm byte; one table per average length (bounded).</summary>
    private float[] Table(float averageLength)
    {
        if (_tables.TryGetValue(averageLength, out var table)) return table;
        if (_tables.Count >= MaxTables) _tables.Clear(); // generations come and go; a few fields each
        table = new float[256];
        for (var i = 0; i < table.Length; i++) table[i] = K1 * ((1 - B) + B * FieldLengths[i] / averageLength);
        return _tables.GetOrAdd(averageLength, table);
    }

    private sealed class Stats(string field, float idf, TermStatistics[] terms, long maxDoc, float queryBoost, float averageLength, float[] table) : SimWeight
    {
        public string Field { get; } = field;
        public float Idf { get; } = idf;
        public TermStatistics[] Terms { get; } = terms;
        public long MaxDoc { get; } = maxDoc;
        public float QueryBoost { get; } = queryBoost;
        public float AverageLength { get; } = averageLength;
        public float[] Table { get; } = table;
        public float TopLevelBoost { get; private set; }

        /// <summary>idf · boost, set by <see cref="Normalize"/>.</summary>
        public float Weight { get; private set; }

        // A TF-IDF-like value for the query norm; BM25 does not normalise by it.
        public override float GetValueForNormalization()
        {
            var queryWeight = Idf * QueryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost)
        {
            TopLevelBoost = topLevelBoost;
            Weight = Idf * QueryBoost * topLevelBoost;
        }
    }

    private sealed class Scorer(Bm25Ranking ranking, Stats stats, NumericDocValues? norms) : SimScorer
    {
        private readonly float _weight = stats.Weight * (ranking.K1 + 1);
        private readonly float[] _table = stats.Table;

        public override float Score(int doc, float freq) => _weight * freq / (freq + LengthFactor(doc));

        /// <summary>k1 · (1 − b + b · length / average) for the document; without norms the field is scored as if b were 0.</summary>
        private float LengthFactor(int doc) => norms is null ? ranking.K1 : _table[(byte)norms.Get(doc)];

        public override float ComputeSlopFactor(int distance) => 1.0f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1;

        public override Explanation Explain(int doc, Explanation freq)
        {
            var result = new Explanation { Description = $"score(doc={doc},freq={freq}), product of:" };
            var boost = new Explanation(stats.QueryBoost * stats.TopLevelBoost, "boost");
            if (boost.Value != 1.0f) result.AddDetail(boost);
            var idf = new Explanation(stats.Idf, "idf, sum of:");
            foreach (var term in stats.Terms) idf.AddDetail(new Explanation(Idf(term.DocFreq, stats.MaxDoc), $"idf(docFreq={term.DocFreq}, maxDocs={stats.MaxDoc})"));
            result.AddDetail(idf);
            var k1 = ranking.K1;
            var tf = new Explanation { Description = "tfNorm, computed from:" };
            tf.AddDetail(freq);
            tf.AddDetail(new Explanation(k1, "parameter k1"));
            if (norms is null)
            {
                tf.AddDetail(new Explanation(0, "parameter b (norms omitted for field)"));
                tf.Value = freq.Value * (k1 + 1) / (freq.Value + k1);
            }
            else
            {
                var length = FieldLengths[(byte)norms.Get(doc)];
                tf.AddDetail(new Explanation(ranking.B, "parameter b"));
                tf.AddDetail(new Explanation(stats.AverageLength, "avgFieldLength"));
                tf.AddDetail(new Explanation(length, "fieldLength"));
                tf.Value = freq.Value * (k1 + 1) / (freq.Value + LengthFactor(doc));
            }
            result.AddDetail(tf);
            result.Value = boost.Value * stats.Idf * tf.Value;
            return result;
        }
    }
}
