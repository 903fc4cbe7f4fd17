using KenpoBot.Corpus;
using KenpoBot.Corpus.Import;

namespace KenpoBot.Search.Index;

public enum EntryKind
{
    /// <summary>A section of a plan document.</summary>
    Section,
    /// <summary>A KPI definition with its results.</summary>
    Kpi,
    /// <summary>A glossary entry.</summary>
    Glossary,
}

/// <summary>One searchable entry, with everything needed to show and cite it.</summary>
public sealed record SearchEntry(
    EntryKind Kind,
    string Id,
    string DocumentId,
    string DocumentTitle,
    string Title,
    string HeadingPath,
    string Scope,
    FiscalYearRange FiscalYears,
    string Plan,
    string Text);

/// <summary>Turns the knowledge base into search entries.</summary>
public static class CorpusEntries
{
    public static IEnumerable<SearchEntry> From(KnowledgeBase knowledge)
    {
        foreach (var document in knowledge.Documents)
        {
            foreach (var section in document.Sections)
            {
                // A topic heading with no text of its own (「第6期の事業運営の3つの柱」, level 3) is still found by its title; its answer
                // is its sub-headings, which the assistant reads from the document. Empty headings nearer the top are the document's
                // table of contents and would only repeat its title.
                var text = section.Text.Length > 0 ? section.Text : section.Level >= 3 ? string.Join("、", document.ChildrenOf(section).Select(c => c.Heading)) : "";
                if (text.Length == 0) continue;
                yield return new SearchEntry(EntryKind.Section, section.Reference, document.Id, document.Title, section.Heading,
                    string.Join(" > ", section.HeadingPath), document.Scope.Name, document.FiscalYears, document.Plan ?? "",
                    ExtractionFixes.Apply(text));
            }
        }
        foreach (var kpi in knowledge.Kpis)
        {
            var document = knowledge.FindDocument(kpi.DocumentId)!;
            var section = knowledge.FindSection(kpi.SectionReference)!;
            var lines = new List<string>
            {
                $"{kpi.Scope.DisplayName} {string.Join(" ", Enumerable.Range(kpi.FiscalYears.From, kpi.FiscalYears.To - kpi.FiscalYears.From + 1).Select(JapaneseYears.Describe))} のKPI",
                $"指標: {kpi.MetricName}",
                $"具体的施策: {kpi.Measure}",
                $"KPI: {kpi.Wording}",
            };
            if (kpi.Baseline is not null) lines.Add($"参考（{JapaneseYears.Wareki(kpi.BaselineYear!.Value)}末）: {kpi.Baseline}");
            if (kpi.TargetPopulation is { } population) lines.Add($"実施対象者数: {population:#,0}人");
            foreach (var result in knowledge.ResultsOf(kpi.Id))
            {
                var previous = result.Previous is { } p ? $"（前年度 {UnitText.Format(p, kpi.Target.Unit)}）" : "";
                lines.Add($"{JapaneseYears.Describe(result.FiscalYear)}の結果: {result.ActualText}{previous}");
            }
            if (kpi.Note.Length > 0) lines.Add(kpi.Note);
            yield return new SearchEntry(EntryKind.Kpi, kpi.Id, kpi.DocumentId, document.Title, kpi.Wording,
                string.Join(" > ", section.HeadingPath), kpi.Scope.Name, kpi.FiscalYears, document.Plan ?? "",
                ExtractionFixes.Apply(string.Join("\n", lines)));
        }
        foreach (var entry in knowledge.Glossary)
        {
            var source = entry.Sources.Select(knowledge.FindSection).FirstOrDefault(s => s is not null);
            var document = source is null ? null : knowledge.FindDocument(source.DocumentId);
            var synonyms = entry.Synonyms.Count > 0 ? $"（{string.Join("、", entry.Synonyms)}）" : "";
            yield return new SearchEntry(EntryKind.Glossary, entry.Term, document?.Id ?? "", document?.Title ?? "用語集", entry.Term,
                source is null ? "用語集" : string.Join(" > ", source.HeadingPath), Corpus.Scope.AssociationName,
                document?.FiscalYears ?? default, document?.Plan ?? "",
                $"{entry.Term}（{entry.Reading}）{synonyms}\n{entry.Definition}");
        }
    }
}
