namespace KenpoBot.Corpus.Import;

/// <summary>
/// The metrics the corpus already knows (names and aliases), so that an imported KPI joins the metric it measures and the
/// assistant finds it by the same names.
/// </summary>
public sealed class MetricCatalog
{
    private readonly List<(string Key, string Metric)> _names;
    private readonly Dictionary<string, string> _metricNames;

    public static MetricCatalog Empty { get; } = new([], []);

    private MetricCatalog(List<(string Key, string Metric)> names, Dictionary<string, string> metricNames)
    {
        _names = names;
        _metricNames = metricNames;
    }

    public static MetricCatalog From(KnowledgeBase knowledge, string? excludeDocument = null)
    {
        var definitions = knowledge.Kpis.Where(k => k.DocumentId != excludeDocument).ToList();
        var metricNames = definitions.GroupBy(k => k.Metric).ToDictionary(g => g.Key, g => g.First().MetricName, StringComparer.Ordinal);
        var names = definitions.Select(k => (ImportText.Key(k.MetricName), k.Metric))
            .Concat(knowledge.MetricAliases.Where(a => metricNames.ContainsKey(a.Metric)).Select(a => (ImportText.Key(a.Alias), a.Metric)))
            .Distinct()
            .OrderByDescending(n => n.Item1.Length)
            .ToList();
        return new MetricCatalog(names, metricNames);
    }

    /// <summary>The known metric whose longest name the wording contains; <c>Ambiguous</c> when that name fits several.</summary>
    public (string Metric, string MetricName, bool Ambiguous)? Match(string wording)
    {
        var key = ImportText.Key(wording);
        var best = _names.FirstOrDefault(n => key.Contains(n.Key, StringComparison.Ordinal));
        if (best.Key is null) return null;
        var candidates = _names.Where(n => n.Key == best.Key).Select(n => n.Metric).Distinct().ToList();
        // A population-specific metric (被保険者の…, 被扶養者の…) is chosen by the population the wording names.
        var chosen = candidates.FirstOrDefault(m => key.Contains(ImportText.Key(_metricNames[m]), StringComparison.Ordinal))
            ?? candidates.FirstOrDefault(m => new[] { "被保険者", "被扶養者" }.All(p => key.Contains(p) == _metricNames[m].Contains(p)))
            ?? candidates[0];
        return (chosen, _metricNames[chosen], candidates.Count > 1);
    }
}
