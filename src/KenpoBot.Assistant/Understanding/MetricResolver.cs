using System.Text;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Understanding;

/// <summary>A metric a text names, with how well: the number of the name's character bigrams found, and the share found.</summary>
public readonly record struct MetricMatch(string Metric, int Matched, double Coverage, string Name);

/// <summary>
/// Finds the KPI metrics a question names by scoring it against every metric's name, its published wordings and the curated
/// aliases of corpus/kpi/metric-aliases.tsv. Character bigrams after dropping particles and punctuation, so that word order
/// inside a name, an inserted の and a one-character typo (保険指導 for 保健指導) still match. Pure and thread-safe.
/// </summary>
public sealed class MetricResolver
{
    /// <summary>Below this share of a name's bigrams, the name is not in the question.</summary>
    private const double MinCoverage = 0.74;

    private readonly IReadOnlyList<(string Metric, string Name, string Key, int[] Bigrams)> names;
    private readonly Dictionary<int, int[]> namesByBigram;
    private readonly Dictionary<string, string> displayNames;

    public MetricResolver(KnowledgeBase knowledge)
    {
        var all = new List<(string Metric, string Name)>();
        foreach (var kpi in knowledge.Kpis.Where(k => !k.IsReference))
        {
            all.Add((kpi.Metric, kpi.MetricName));
            all.Add((kpi.Metric, kpi.Wording));
            all.Add((kpi.Metric, WordingSubject(kpi.Wording)));
        }
        all.AddRange(knowledge.MetricAliases.Select(a => (a.Metric, a.Alias)));
        names = all
            .Select(n => (n.Metric, n.Name, Key: Key(n.Name)))
            .Where(n => n.Key.Length >= 2)
            .DistinctBy(n => (n.Metric, n.Key))
            .Select(n => (n.Metric, n.Name, n.Key, Bigrams(n.Key).ToArray()))
            .ToList();
        // A name shares at least one bigram with any text that names it (all of them when the text holds it whole).
        namesByBigram = names.SelectMany((n, i) => n.Bigrams.Select(b => (Bigram: b, Index: i)))
            .GroupBy(p => p.Bigram).ToDictionary(g => g.Key, g => g.Select(p => p.Index).ToArray());
        displayNames = knowledge.Kpis.GroupBy(k => k.Metric).ToDictionary(g => g.Key, g => g.First().MetricName, StringComparer.Ordinal);
    }

    public string DisplayName(string metric) => displayNames.GetValueOrDefault(metric, metric);

    public bool IsMetric(string metric) => displayNames.ContainsKey(metric);

    /// <summary>Every metric the text names, best first; each with its best-matching name.</summary>
    public IReadOnlyList<MetricMatch> Find(string text)
    {
        var key = Key(text);
        if (key.Length < 2) return [];
        var questionBigrams = Bigrams(key);
        // Only the names that share a bigram with the text can match; they are scored in the order of all names, as ties keep the first.
        var candidates = new List<int>();
        foreach (var bigram in questionBigrams)
            if (namesByBigram.TryGetValue(bigram, out var holders)) candidates.AddRange(holders);
        candidates.Sort();
        var best = new Dictionary<string, MetricMatch>(StringComparer.Ordinal);
        for (var c = 0; c < candidates.Count; c++)
        {
            if (c > 0 && candidates[c] == candidates[c - 1]) continue;
            var (metric, name, nameKey, bigrams) = names[candidates[c]];
            MetricMatch match;
            if (key.Contains(nameKey, StringComparison.Ordinal))
            {
                match = new MetricMatch(metric, Math.Max(1, bigrams.Length), 1, name);
            }
            else
            {
                // Short names must stand in the text as written: 2–3 characters leave no room for a typo.
                if (nameKey.Length <= 3) continue;
                var found = 0;
                var needed = MinCoverage * bigrams.Length;
                for (var i = 0; i < bigrams.Length && found + (bigrams.Length - i) >= needed; i++)
                    if (questionBigrams.Contains(bigrams[i])) found++;
                var coverage = (double)found / bigrams.Length;
                if (coverage < MinCoverage || !Contiguous(key, nameKey)) continue;
                match = new MetricMatch(metric, found, coverage, name);
            }
            if (!best.TryGetValue(metric, out var current) || Better(match, current)) best[metric] = match;
        }
        return [.. best.Values.OrderByDescending(m => m.Matched).ThenByDescending(m => m.Coverage)];
    }

    /// <summary>
    /// The metrics the text names at its best: those within one bigram of the top match, narrowed by the population the question
    /// names (被保険者/被扶養者) and then to those <paramref name="available"/> allows, when it allows any.
    /// </summary>
    public IReadOnlyList<string> Resolve(string text, Population population, Func<string, bool>? available = null) =>
        Resolve(Find(text), population, available);

    /// <summary>The same, over the matches of <see cref="Find"/> already made.</summary>
    public IReadOnlyList<string> Resolve(IReadOnlyList<MetricMatch> found, Population population, Func<string, bool>? available = null)
    {
        if (found.Count == 0) return [];
        var top = found[0].Matched;
        var candidates = found.Where(m => m.Matched >= top - 1 && m.Matched * 2 >= top + 1).Select(m => m.Metric).ToList();
        if (population != Population.Any)
        {
            var word = population == Population.Insured ? "被保険者" : "被扶養者";
            var other = population == Population.Insured ? "被扶養者" : "被保険者";
            var narrowed = candidates.Where(m => DisplayName(m).Contains(word, StringComparison.Ordinal)).ToList();
            if (narrowed.Count == 0) narrowed = candidates.Where(m => !DisplayName(m).Contains(other, StringComparison.Ordinal)).ToList();
            if (narrowed.Count > 0) candidates = narrowed;
        }
        if (available is not null && candidates.Where(available).ToList() is { Count: > 0 } there) candidates = there;
        return candidates;
    }

    /// <summary>The wording without its target: 「受診勧奨後3か月以内に医療機関を受診した者の割合を12.9%以上とする」 → its subject.</summary>
    private static string WordingSubject(string wording)
    {
        var at = wording.LastIndexOf('を');
        var subject = at > 0 ? wording[..at] : wording;
        return subject.EndsWith("について", StringComparison.Ordinal) ? subject[..^4] : subject;
    }

    /// <summary>
    /// Metrics named only by the tail of their name (「回収率」 of 保険証回収率 and 返納金債権の回収率): every metric one of whose
    /// names holds a run of three or more characters of the text that ends in a measure word (率, 数, 額, 割合). For a question that
    /// is plainly about KPIs, or a follow-up, where the conversation decides between them.
    /// </summary>
    public IReadOnlyList<string> ByTail(string text)
    {
        var key = Key(text);
        var found = new List<string>();
        foreach (var (metric, _, nameKey, _) in names)
        {
            if (found.Contains(metric)) continue;
            for (var end = 0; end < key.Length; end++)
            {
                if (key[end] is not ('率' or '数' or '額' or '合')) continue;
                var start = Math.Max(0, end - 2);
                if (end - start + 1 >= 3 && nameKey.Contains(key[start..(end + 1)], StringComparison.Ordinal)) { found.Add(metric); break; }
            }
        }
        return found;
    }

    private static bool Better(MetricMatch a, MetricMatch b) => a.Matched > b.Matched || (a.Matched == b.Matched && a.Coverage > b.Coverage);

    /// <summary>The name's first and last bigram both occur in the text, in order: its parts are not scattered over the question.</summary>
    private static bool Contiguous(string text, string name)
    {
        var first = text.IndexOf(name[..2], StringComparison.Ordinal);
        var last = text.LastIndexOf(name[^2..], StringComparison.Ordinal);
        if (first < 0 || last < 0) return true;
        return last >= first && last - first <= name.Length + 4;
    }

    /// <summary>The distinct character bigrams of a key.</summary>
    private static HashSet<int> Bigrams(string key) => [.. CharBigrams.All(key)];

    /// <summary>NFKC, lower case, and only letters and digits, without the particles that float inside names (の, を, が, に, と).</summary>
    public static string Key(string text)
    {
        var normalized = JapaneseYears.Normalize(text).ToLowerInvariant();
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsLetterOrDigit(c) || c is 'の' or 'を' or 'が' or 'に' or 'と' or 'は' or 'で') continue;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
