using KenpoBot.Corpus.Import;

namespace KenpoBot.Corpus.Tests.Import;

public sealed class CorpusImporterTests : IDisposable
{
    private static readonly string Akita = Path.Combine(RepoPaths.Root, "..", "shared", "seeds", "003_b3fb34fea5d2bbcb.txt");
    private readonly string _corpus = RepoPaths.CopyCorpus();

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    private DocumentDraft DraftOf(string id) =>
        CorpusImporter.Draft(Akita, new ImportOptions(id, "branch-plan", "秋田", new FiscalYearRange(2025, 2025), "AP6", "秋田支部 令和7年度事業計画",
            Path.GetFileName(Akita)), _corpus);

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(_corpus, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

    [Fact]
    public void Import_NewDocument_WritesDocumentAndKpisThatPassTheCorpusCheck()
    {
        var outcome = CorpusImporter.Import(DraftOf("akita-draft"), _corpus, replace: false);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors));
        Assert.Equal(["documents/akita-draft.md", "kpi/akita-draft.kpis.tsv", "kpi/akita-draft.results.tsv"], outcome.Written);
        var knowledge = CorpusLoader.Load(_corpus);
        // Akita FY2025 publishes 19 KPIs in its ■KPI lines (the curated kpi/akita-2025.kpis.tsv has the same 19).
        Assert.Equal(19, knowledge.Kpis.Count(k => k.DocumentId == "akita-draft" && k.FiscalYears.From == 2025));
        var employer = knowledge.Kpis.Single(k => k.DocumentId == "akita-draft" && k.Metric == "employer-checkup-data-rate" && k.FiscalYears.From == 2025);
        Assert.Equal(21.2m, employer.Target.Value);
        // Its FY2023 table: Akita's 事業者健診データ取得率 had the target 22.2% and reached 19.7%.
        var fy2023 = knowledge.Kpis.Single(k => k.DocumentId == "akita-draft" && k.Metric == "employer-checkup-data-rate" && k.FiscalYears.From == 2023 && k.Scope.Name == "秋田");
        Assert.Equal(22.2m, fy2023.Target.Value);
        Assert.Equal(19.7m, knowledge.Results.Single(r => r.KpiId == fy2023.Id).Actual);
        Assert.Equal(KpiArea.Strategic, employer.Area);
    }

    [Fact]
    public void Import_ExistingIdWithoutReplace_IsRefusedAndNothingChanges()
    {
        var before = Snapshot();

        var outcome = CorpusImporter.Import(DraftOf("akita-2025"), _corpus, replace: false);

        var error = Assert.Single(outcome.Errors, e => e.File == "documents/akita-2025.md");
        Assert.Contains("--replace", error.Reason);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Import_ReplaceThatBreaksTheCorpus_FailsWithFileAndLineAndLeavesEveryFileAsItWas()
    {
        // The glossary and the FY2023 results cite anchors of the curated akita-2025 (#glossary-…, #kpi-2023) that a draft lacks.
        var before = Snapshot();

        var outcome = CorpusImporter.Import(DraftOf("akita-2025"), _corpus, replace: true);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.File == "glossary/glossary.tsv" && e.Line > 0 && e.Reason.Contains("akita-2025"));
        Assert.Equal(before, Snapshot());
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(_corpus)!, $".{Path.GetFileName(_corpus)}.import-*"));
    }

    [Fact]
    public void Draft_AkitaSeed_MatchesTheCuratedDocument()
    {
        var comparison = DraftComparison.Compare(DraftOf("akita-2025"), RepoPaths.Corpus, "akita-2025");

        Assert.Equal(19, comparison.Kpis);
        Assert.True(comparison.ResultsMatched >= 0.8 * comparison.Results, comparison.Render("akita-2025"));
        Assert.True(comparison.KpiShare >= 0.95, comparison.Render("akita-2025"));
        Assert.True(comparison.HeadingShare >= 0.90, comparison.Render("akita-2025"));
    }
}
