using System.Security.Cryptography;
using System.Text;

namespace KenpoBot.Corpus;

/// <summary>Loads corpus/ into a <see cref="KnowledgeBase"/>, checking schema, references, duplicates and units.</summary>
public static class CorpusLoader
{
    public const string DocumentsFolder = "documents";
    public const string KpiFolder = "kpi";
    public const string GlossaryFile = "glossary/glossary.tsv";
    public const string MetricAliasFile = "kpi/metric-aliases.tsv";

    /// <summary>Loads and validates the corpus; throws <see cref="CorpusValidationException"/> listing every problem.</summary>
    public static KnowledgeBase Load(string corpusDirectory)
    {
        var (knowledge, errors) = Check(corpusDirectory);
        return errors.Count > 0 ? throw new CorpusValidationException(errors) : knowledge!;
    }

    /// <summary>Loads and validates the corpus, returning every problem found instead of throwing.</summary>
    public static (KnowledgeBase? Knowledge, IReadOnlyList<CorpusError> Errors) Check(string corpusDirectory)
    {
        var errors = new List<CorpusError>();
        if (!Directory.Exists(corpusDirectory))
        {
            errors.Add(new CorpusError(corpusDirectory, 0, "コーパスのフォルダがありません。"));
            return (null, errors);
        }
        string Relative(string path) => Path.GetRelativePath(corpusDirectory, path).Replace('\\', '/');

        var documents = new List<PlanDocument>();
        foreach (var path in Files(corpusDirectory, DocumentsFolder, "*.md"))
        {
            if (MarkdownDocumentReader.Read(path, Relative(path), errors) is { } document) documents.Add(document);
        }
        if (documents.Count == 0 && !errors.Any(e => e.File.StartsWith(DocumentsFolder, StringComparison.Ordinal)))
            errors.Add(new CorpusError(DocumentsFolder, 0, "文書が一つもありません。"));

        var definitions = new List<KpiDefinition>();
        foreach (var path in Files(corpusDirectory, KpiFolder, "*.kpis.tsv"))
        {
            definitions.AddRange(KpiCatalogReader.ReadDefinitions(path, Relative(path), errors));
        }
        var results = new List<KpiResult>();
        foreach (var path in Files(corpusDirectory, KpiFolder, "*.results.tsv"))
        {
            results.AddRange(KpiCatalogReader.ReadResults(path, Relative(path), errors));
        }
        foreach (var path in Files(corpusDirectory, KpiFolder, "*").Where(p => !IsKpiFile(Relative(p))))
        {
            errors.Add(new CorpusError(Relative(path), 0, "kpi/ に置けるのは *.kpis.tsv、*.results.tsv と metric-aliases.tsv だけです。"));
        }
        // Optional: a corpus without aliases is valid.
        var aliasPath = Path.Combine(corpusDirectory, MetricAliasFile);
        var aliases = File.Exists(aliasPath)
            ? MetricAliasReader.Read(aliasPath, MetricAliasFile, errors).ToList()
            : [];

        var glossaryPath = Path.Combine(corpusDirectory, GlossaryFile);
        var glossary = File.Exists(glossaryPath)
            ? GlossaryReader.Read(glossaryPath, GlossaryFile, errors).ToList()
            : [];
        if (!File.Exists(glossaryPath)) errors.Add(new CorpusError(GlossaryFile, 0, "用語集がありません。"));

        CheckReferences(documents, definitions, results, glossary, errors);
        CheckAliases(aliases, documents, definitions, errors);
        if (errors.Count > 0) return (null, errors);
        return (new KnowledgeBase(documents, definitions, results, glossary, Hash(corpusDirectory)) { MetricAliases = aliases }, errors);
    }

    private static bool IsKpiFile(string relativePath) =>
        relativePath == MetricAliasFile
        || relativePath.EndsWith(".kpis.tsv", StringComparison.Ordinal)
        || relativePath.EndsWith(".results.tsv", StringComparison.Ordinal);

    /// <summary>Each alias names a metric of the catalogue and cites a seed file that some document was made from.</summary>
    private static void CheckAliases(List<MetricAlias> aliases, List<PlanDocument> documents, List<KpiDefinition> definitions, List<CorpusError> errors)
    {
        var metrics = definitions.Select(k => k.Metric).ToHashSet(StringComparer.Ordinal);
        var seedFiles = documents.Select(d => d.SourceFile).ToHashSet(StringComparer.Ordinal);
        foreach (var alias in aliases)
        {
            var at = alias.Location;
            if (!metrics.Contains(alias.Metric)) errors.Add(new CorpusError(at.File, at.Line, $"metric「{alias.Metric}」は KPI 定義にありません。"));
            if (MetricAliasReader.SeedFileOf(alias.Source) is { } seed && !seedFiles.Contains(seed))
                errors.Add(new CorpusError(at.File, at.Line, $"source の seed ファイル「{seed}」から作られた文書がありません。"));
        }
    }

    private static void CheckReferences(List<PlanDocument> documents, List<KpiDefinition> definitions, List<KpiResult> results,
        List<GlossaryEntry> glossary, List<CorpusError> errors)
    {
        var documentIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (!documentIds.Add(document.Id)) errors.Add(new CorpusError(document.Path, 0, $"文書 id「{document.Id}」が重複しています。"));
        }
        var sections = documents.SelectMany(d => d.Sections).Select(s => s.Reference).ToHashSet(StringComparer.Ordinal);
        void CheckSection(string documentId, string sectionId, SourceLocation at)
        {
            if (!documentIds.Contains(documentId)) errors.Add(new CorpusError(at.File, at.Line, $"文書「{documentId}」がありません。"));
            else if (!sections.Contains($"{documentId}#{sectionId}")) errors.Add(new CorpusError(at.File, at.Line, $"文書「{documentId}」に見出し「#{sectionId}」がありません。"));
        }

        var byId = new Dictionary<string, KpiDefinition>(StringComparer.Ordinal);
        var metricNames = new Dictionary<string, (string Name, SourceLocation At)>(StringComparer.Ordinal);
        foreach (var kpi in definitions)
        {
            if (!byId.TryAdd(kpi.Id, kpi)) errors.Add(new CorpusError(kpi.Location.File, kpi.Location.Line, $"KPI id「{kpi.Id}」が重複しています（最初は {byId[kpi.Id].Location}）。"));
            CheckSection(kpi.DocumentId, kpi.SectionId, kpi.Location);
            if (!metricNames.TryAdd(kpi.Metric, (kpi.MetricName, kpi.Location)) && metricNames[kpi.Metric].Name != kpi.MetricName)
                errors.Add(new CorpusError(kpi.Location.File, kpi.Location.Line,
                    $"metric「{kpi.Metric}」の metric_name「{kpi.MetricName}」が {metricNames[kpi.Metric].At} の「{metricNames[kpi.Metric].Name}」と違います。"));
        }
        foreach (var duplicate in definitions.GroupBy(k => (k.Metric, k.Scope, k.FiscalYears, k.DocumentId, k.Wording)).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First();
            errors.Add(new CorpusError(second.Location.File, second.Location.Line, $"同じ KPI が {duplicate.First().Location} にもあります。"));
        }

        var seenResults = new Dictionary<(string, int), KpiResult>();
        foreach (var result in results)
        {
            var at = result.Location;
            CheckSection(result.DocumentId, result.SectionId, at);
            if (!byId.TryGetValue(result.KpiId, out var kpi))
            {
                errors.Add(new CorpusError(at.File, at.Line, $"KPI「{result.KpiId}」が定義されていません。"));
                continue;
            }
            if (!seenResults.TryAdd((result.KpiId, result.FiscalYear), result))
                errors.Add(new CorpusError(at.File, at.Line, $"KPI「{result.KpiId}」の {result.FiscalYear} 年度の結果が {seenResults[(result.KpiId, result.FiscalYear)].Location} にもあります。"));
            if (!kpi.FiscalYears.Contains(result.FiscalYear))
                errors.Add(new CorpusError(at.File, at.Line, $"{result.FiscalYear} 年度は KPI「{result.KpiId}」の年度 {kpi.FiscalYears} の外です。"));
            KpiCatalogReader.CheckUnitRange(result.Actual, kpi.Target.Unit, "actual", r => errors.Add(new CorpusError(at.File, at.Line, r)));
            KpiCatalogReader.CheckUnitRange(result.Previous, kpi.Target.Unit, "previous", r => errors.Add(new CorpusError(at.File, at.Line, r)));
            if (kpi.Target.Kind == TargetKind.Done && result.ActualText is not ("実施" or "未実施"))
                errors.Add(new CorpusError(at.File, at.Line, $"実施 KPI の actual_text「{result.ActualText}」は「実施」か「未実施」です。"));
        }

        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in glossary)
        {
            var at = entry.Location;
            if (!terms.Add(entry.Term)) errors.Add(new CorpusError(at.File, at.Line, $"用語「{entry.Term}」が重複しています。"));
        }
        foreach (var entry in glossary)
        {
            var at = entry.Location;
            foreach (var source in entry.Sources)
            {
                var hash = source.IndexOf('#');
                if (hash <= 0) errors.Add(new CorpusError(at.File, at.Line, $"出典「{source}」は docId#anchor の形です。"));
                else CheckSection(source[..hash], source[(hash + 1)..], at);
            }
            foreach (var related in entry.Related.Where(r => !terms.Contains(r)))
            {
                errors.Add(new CorpusError(at.File, at.Line, $"関連語「{related}」が用語集にありません。"));
            }
        }
    }

    private static IEnumerable<string> Files(string root, string folder, string pattern)
    {
        var directory = Path.Combine(root, folder);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>SHA-256 over every file's relative path and bytes, in a fixed order.</summary>
    public static string Hash(string corpusDirectory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in Directory.EnumerateFiles(corpusDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(corpusDirectory, path).Replace('\\', '/') + "\n"));
            sha.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
