namespace KenpoBot.Corpus.Import;

/// <summary>Source lines → draft: clean the lines, build the outline, extract the KPIs.</summary>
public static class DraftBuilder
{
    public static DocumentDraft Build(IReadOnlyList<string> rawLines, ImportOptions options, MetricCatalog metrics)
    {
        var report = new ImportReport { SourceFile = options.SourceFile, SourceLines = rawLines.Count };
        var lines = LineCleaner.Clean(rawLines);
        var title = options.Title ?? lines.FirstOrDefault(l => l.Text.Length > 0)?.Text ?? options.Id;
        var sections = OutlineBuilder.Build(lines, title, report);
        var kpis = KpiExtractor.Extract(sections, options, metrics, report);
        var (tableKpis, results) = ResultsTableReader.Read(sections, options, metrics, report);
        report.KpiRows += tableKpis.Count;
        report.Results = results.Count;
        return new DocumentDraft(options, sections, [.. kpis, .. tableKpis], results, report);
    }
}
