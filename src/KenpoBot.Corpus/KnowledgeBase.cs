namespace KenpoBot.Corpus;

/// <summary>The validated corpus: documents, KPIs, results, glossary and metric aliases, with lookups. Immutable.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, PlanDocument> documents;
    private readonly Dictionary<string, Section> sections;
    private readonly Dictionary<string, KpiDefinition> kpis;
    private readonly ILookup<string, KpiResult> resultsByKpi;
    private readonly Dictionary<string, GlossaryEntry> glossaryByName;

    public KnowledgeBase(
        IReadOnlyList<PlanDocument> documents,
        IReadOnlyList<KpiDefinition> kpis,
        IReadOnlyList<KpiResult> results,
        IReadOnlyList<GlossaryEntry> glossary,
        string contentHash)
    {
        Documents = documents;
        Kpis = kpis;
        Results = results;
        Glossary = glossary;
        ContentHash = contentHash;
        this.documents = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        sections = documents.SelectMany(d => d.Sections).ToDictionary(s => s.Reference, StringComparer.Ordinal);
        this.kpis = kpis.ToDictionary(k => k.Id, StringComparer.Ordinal);
        resultsByKpi = results.ToLookup(r => r.KpiId, StringComparer.Ordinal);
        glossaryByName = new Dictionary<string, GlossaryEntry>(StringComparer.Ordinal);
        foreach (var entry in glossary)
        {
            glossaryByName[entry.Term] = entry;
        }
        foreach (var entry in glossary)
        {
            foreach (var synonym in entry.Synonyms)
            {
                glossaryByName.TryAdd(synonym, entry);
            }
        }
    }

    public IReadOnlyList<PlanDocument> Documents { get; }

    public IReadOnlyList<KpiDefinition> Kpis { get; }

    public IReadOnlyList<KpiResult> Results { get; }

    public IReadOnlyList<GlossaryEntry> Glossary { get; }

    /// <summary>The curated names of KPI metrics (kpi/metric-aliases.tsv); empty when the corpus has no such file.</summary>
    public IReadOnlyList<MetricAlias> MetricAliases { get; init; } = [];

    /// <summary>SHA-256 of every corpus file's path and bytes: the index is stale when this changes.</summary>
    public string ContentHash { get; }

    public PlanDocument? FindDocument(string id) => documents.GetValueOrDefault(id);

    /// <summary>Finds a section by "docId#anchor".</summary>
    public Section? FindSection(string reference) => sections.GetValueOrDefault(reference);

    public KpiDefinition? FindKpi(string id) => kpis.GetValueOrDefault(id);

    public IEnumerable<KpiResult> ResultsOf(string kpiId) => resultsByKpi[kpiId];

    /// <summary>Finds a glossary entry by its term or one of its synonyms, exactly.</summary>
    public GlossaryEntry? FindTerm(string termOrSynonym) => glossaryByName.GetValueOrDefault(termOrSynonym);
}
