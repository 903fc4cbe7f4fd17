using System.Globalization;
using System.Text;

namespace KenpoBot.Corpus.Import;

/// <summary>Writes a draft in the corpus schema: documents/ID.md and kpi/ID.kpis.tsv (see corpus/README.md).</summary>
public static class DraftWriter
{
    public static string DocumentPath(string id) => Path.Combine(CorpusLoader.DocumentsFolder, id + ".md");

    public static string KpiPath(string id) => Path.Combine(CorpusLoader.KpiFolder, id + ".kpis.tsv");

    public static string Markdown(DocumentDraft draft)
    {
        var o = draft.Options;
        var text = new StringBuilder();
        text.AppendLine("---");
        text.AppendLine($"id: {o.Id}");
        text.AppendLine($"title: {OneLine(draft.Sections[0].Heading)}");
        text.AppendLine($"kind: {o.Kind}");
        text.AppendLine($"scope: {o.Scope}");
        text.AppendLine($"fiscal-years: {o.Years}");
        if (o.Plan is not null) text.AppendLine($"plan: {o.Plan}");
        text.AppendLine($"source: {o.SourceFile}");
        text.AppendLine("---");
        foreach (var section in draft.Sections)
        {
            text.AppendLine();
            text.AppendLine($"{new string('#', section.Level)} {OneLine(section.Heading)} {{#{section.Anchor}}}");
            var previousBlank = true;
            foreach (var line in section.Body)
            {
                var blank = line.Text.Length == 0;
                if (blank && previousBlank) continue;
                if (previousBlank) text.AppendLine();
                if (!blank) text.AppendLine(Escape(line.Text));
                previousBlank = blank;
            }
        }
        return text.ToString();
    }

    public static string KpiTable(DocumentDraft draft)
    {
        var o = draft.Options;
        return Tsv($"{o.Id} の KPI", o, KpiCatalogReader.DefinitionColumns, draft.Kpis.Select(k => new[]
        {
            k.Id, k.Metric, k.MetricName, o.Id, k.Section, k.Years.ToString(), k.Scope, k.Area, k.Measure, k.Wording,
            KindText(k.Target.Kind), Number(k.Target.Value), k.Target.Unit.ToText(), "none", "",
            "", k.Baseline, k.BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "", k.IsReference ? "yes" : "no", k.Note,
        }));
    }

    public static string ResultsTable(DocumentDraft draft)
    {
        var o = draft.Options;
        return Tsv($"{o.Id} の KPI の結果", o, KpiCatalogReader.ResultColumns, draft.Results.Select(r => new[]
        {
            r.KpiId, r.FiscalYear.ToString(CultureInfo.InvariantCulture), Number(r.Actual), r.ActualText, Number(r.Previous), "", o.Id, r.Section, "",
        }));
    }

    private static string Tsv(string what, ImportOptions o, string[] columns, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {what}（corpus import による下書き。出典 {o.SourceFile}）");
        text.AppendLine(string.Join('\t', columns));
        foreach (var cells in rows) text.AppendLine(string.Join('\t', cells.Select(OneLine)));
        return text.ToString();
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string ResultsPath(string id) => Path.Combine(CorpusLoader.KpiFolder, id + ".results.tsv");

    public static string KindText(TargetKind kind) => kind switch
    {
        TargetKind.AbsoluteHigher => "absolute>=",
        TargetKind.AbsoluteLower => "absolute<=",
        TargetKind.PreviousHigher => "previous>=",
        TargetKind.PreviousLower => "previous<=",
        TargetKind.Branches => "branches>=",
        TargetKind.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string OneLine(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ').Trim();

    /// <summary>A body line must not read as a heading or a code fence.</summary>
    private static string Escape(string line) =>
        line.StartsWith('#') || line.StartsWith("```", StringComparison.Ordinal) ? "\\" + line : line;
}
