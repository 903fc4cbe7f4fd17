using System.Text;

namespace KenpoBot.Corpus.Import;

/// <summary>
/// How close a draft comes to the curated document of the same id (the answer key): its headings found with the right level,
/// its KPI rows (kpi/ID.kpis.tsv) with the same wording (after NFKC and without spaces), target kind and target value.
/// </summary>
public sealed record DraftComparison(
    int Headings, int HeadingsFound, int HeadingsAtLevel, IReadOnlyList<string> MissedHeadings,
    int Kpis, int KpisWording, int KpisMatched, IReadOnlyList<string> MissedKpis, int Results, int ResultsMatched)
{
    public double HeadingShare => Headings == 0 ? 1 : (double)HeadingsAtLevel / Headings;

    public double KpiShare => Kpis == 0 ? 1 : (double)KpisMatched / Kpis;

    public static DraftComparison Compare(DocumentDraft draft, string corpusDirectory, string curatedId)
    {
        var errors = new List<CorpusError>();
        var documentPath = Path.Combine(corpusDirectory, DraftWriter.DocumentPath(curatedId));
        var curated = MarkdownDocumentReader.Read(documentPath, DraftWriter.DocumentPath(curatedId), errors)
            ?? throw new CorpusValidationException(errors.Count > 0 ? errors : [new CorpusError(documentPath, 0, "文書がありません。")]);
        var kpiPath = Path.Combine(corpusDirectory, DraftWriter.KpiPath(curatedId));
        var curatedKpis = File.Exists(kpiPath) ? KpiCatalogReader.ReadDefinitions(kpiPath, DraftWriter.KpiPath(curatedId), errors).ToList() : [];

        var draftHeadings = draft.Sections.Select(s => (Key: ImportText.Key(s.Heading), s.Level)).ToList();
        int found = 0, atLevel = 0;
        var missedHeadings = new List<string>();
        foreach (var section in curated.Sections)
        {
            var key = ImportText.Key(section.Heading);
            var index = draftHeadings.FindIndex(h => h.Key == key && h.Level == section.Level);
            if (index < 0) index = draftHeadings.FindIndex(h => h.Key == key);
            if (index < 0)
            {
                missedHeadings.Add($"{new string('#', section.Level)} {section.Heading}（見つからない）");
                continue;
            }
            found++;
            if (draftHeadings[index].Level == section.Level) atLevel++;
            else missedHeadings.Add($"{new string('#', section.Level)} {section.Heading}（レベル {draftHeadings[index].Level}）");
            draftHeadings.RemoveAt(index);
        }

        int wording = 0, matched = 0;
        var missedKpis = new List<string>();
        foreach (var kpi in curatedKpis)
        {
            var row = draft.Kpis.FirstOrDefault(k => ImportText.Key(k.Wording) == ImportText.Key(kpi.Wording));
            if (row is null)
            {
                missedKpis.Add($"{kpi.Wording}（文言が見つからない）");
                continue;
            }
            wording++;
            if (row.Target.Kind == kpi.Target.Kind && row.Target.Value == kpi.Target.Value) matched++;
            else missedKpis.Add($"{kpi.Wording}（{DraftWriter.KindText(row.Target.Kind)} {row.Target.Value}、正解は {DraftWriter.KindText(kpi.Target.Kind)} {kpi.Target.Value}）");
        }
        var (results, resultsMatched) = CompareResults(draft, corpusDirectory, curatedId);
        return new DraftComparison(curated.Sections.Count, found, atLevel, missedHeadings, curatedKpis.Count, wording, matched, missedKpis, results, resultsMatched);
    }

    /// <summary>The curated results the document publishes (any results set citing it): same scope, year, wording and values.</summary>
    private static (int Results, int Matched) CompareResults(DocumentDraft draft, string corpusDirectory, string curatedId)
    {
        if (CorpusLoader.Check(corpusDirectory).Knowledge is not { } knowledge) return (0, 0);
        var definitions = knowledge.Kpis.ToDictionary(k => k.Id);
        var draftKpis = draft.Kpis.ToDictionary(k => k.Id);
        var drafted = draft.Results.ToLookup(r => (draftKpis[r.KpiId].Scope, r.FiscalYear, ImportText.Key(draftKpis[r.KpiId].Wording)));
        var curated = knowledge.Results.Where(r => r.DocumentId == curatedId).ToList();
        var matched = curated.Count(r => drafted[(definitions[r.KpiId].Scope.Name, r.FiscalYear, ImportText.Key(definitions[r.KpiId].Wording))]
            .Any(d => d.Actual == r.Actual && d.Previous == r.Previous));
        return (curated.Count, matched);
    }

    public string Render(string curatedId)
    {
        var text = new StringBuilder();
        text.AppendLine($"正解 {curatedId} との比較:");
        text.AppendLine($"  見出し: {HeadingsAtLevel}/{Headings} がレベルも一致（{HeadingShare:P1}）、文言のみ一致 {HeadingsFound}/{Headings}");
        text.AppendLine($"  KPI: {KpisMatched}/{Kpis} が文言・target_kind・target_value とも一致（{KpiShare:P1}）、文言のみ一致 {KpisWording}/{Kpis}");
        if (Results > 0) text.AppendLine($"  結果: {ResultsMatched}/{Results} が範囲・年度・文言・値とも一致（{(double)ResultsMatched / Results:P1}）");
        foreach (var miss in MissedHeadings) text.AppendLine($"  見出しの違い: {miss}");
        foreach (var miss in MissedKpis) text.AppendLine($"  KPI の違い: {miss}");
        return text.ToString();
    }
}
