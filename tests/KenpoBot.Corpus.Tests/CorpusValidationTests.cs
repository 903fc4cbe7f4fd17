namespace KenpoBot.Corpus.Tests;

/// <summary>A corrupted copy of each file kind is rejected with the right file, line and reason.</summary>
public sealed class CorpusValidationTests
{
    /// <summary>Replaces the line of the file that contains <paramref name="marker"/> with <paramref name="replace"/>(line); returns its 1-based number.</summary>
    private static int Corrupt(string corpus, string file, string marker, Func<string, string> replace)
    {
        var path = Path.Combine(corpus, file);
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{marker} not in {file}");
        lines[index] = replace(lines[index]);
        File.WriteAllLines(path, lines);
        return index + 1;
    }

    private static CorpusError SingleError(string corpus)
    {
        var ex = Assert.Throws<CorpusValidationException>(() => CorpusLoader.Load(corpus));
        Assert.Contains("コーパスに", ex.Message);
        return Assert.Single(ex.Errors);
    }

    private static CorpusError FirstError(string corpus)
    {
        var ex = Assert.Throws<CorpusValidationException>(() => CorpusLoader.Load(corpus));
        Assert.Contains(ex.Errors.Skip(1), e => e.Reason.Contains("定義されていません"));
        return ex.Errors[0];
    }

    [Fact]
    public void KpiDefinition_WithTextAsTargetValue_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "kpi/tohoku-2023.kpis.tsv", "fy2023-akita-employer-checkup-data-rate\t", l => l.Replace("\t22.2\t", "\t22.2%\t"));
        // The rejected row is reported at its line; its results are then reported as orphans too, nothing is dropped silently.
        var error = FirstError(corpus);
        Assert.Equal(("kpi/tohoku-2023.kpis.tsv", line), (error.File, error.Line));
        Assert.Contains("target_value「22.2%」", error.Reason);
    }

    [Fact]
    public void KpiDefinition_WithMissingColumn_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "kpi/report-2020.kpis.tsv", "fy2020-generic-drug-share\t", l => l[..l.LastIndexOf('\t')]);
        // The rejected row is reported at its line; its results are then reported as orphans too, nothing is dropped silently.
        var error = FirstError(corpus);
        Assert.Equal(("kpi/report-2020.kpis.tsv", line), (error.File, error.Line));
        Assert.Contains("列数", error.Reason);
    }

    [Fact]
    public void KpiResult_ForUnknownKpi_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "kpi/report-2020.results.tsv", "fy2020-card-recovery-rate\t", l => l.Replace("fy2020-card-recovery-rate", "fy2020-no-such-kpi"));
        var error = SingleError(corpus);
        Assert.Equal(("kpi/report-2020.results.tsv", line), (error.File, error.Line));
        Assert.Contains("fy2020-no-such-kpi", error.Reason);
    }

    [Fact]
    public void KpiResult_PercentOverHundred_IsRejectedForItsUnit()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "kpi/report-2020.results.tsv", "fy2020-card-recovery-rate\t", l => l.Replace("\t92.41\t", "\t924.1\t"));
        var error = SingleError(corpus);
        Assert.Equal(("kpi/report-2020.results.tsv", line), (error.File, error.Line));
        Assert.Contains("100 を超えています", error.Reason);
    }

    [Fact]
    public void KpiResult_Duplicated_IsRejected()
    {
        var corpus = RepoPaths.CopyCorpus();
        var path = Path.Combine(corpus, "kpi/report-2020.results.tsv");
        var row = File.ReadAllLines(path).First(l => l.StartsWith("fy2020-card-recovery-rate\t", StringComparison.Ordinal));
        File.AppendAllLines(path, [row]);
        var error = SingleError(corpus);
        Assert.Equal("kpi/report-2020.results.tsv", error.File);
        Assert.Equal(File.ReadAllLines(path).Length, error.Line);
        Assert.Contains("結果が", error.Reason);
    }

    [Fact]
    public void Document_HeadingWithoutAnchor_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "documents/ap6.md", "{#pillars}", l => l.Replace("{#pillars}", ""));
        var ex = Assert.Throws<CorpusValidationException>(() => CorpusLoader.Load(corpus));
        Assert.Contains(ex.Errors, e => e.File == "documents/ap6.md" && e.Line == line && e.Reason.Contains("アンカー"));
    }

    [Fact]
    public void Document_UnknownKind_IsRejectedAtItsFrontMatterLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "documents/report-2020.md", "kind:", _ => "kind: newsletter");
        var ex = Assert.Throws<CorpusValidationException>(() => CorpusLoader.Load(corpus));
        Assert.Contains(ex.Errors, e => e.File == "documents/report-2020.md" && e.Line == line && e.Reason.Contains("newsletter"));
    }

    [Fact]
    public void Document_NotUtf8_IsRejected()
    {
        var corpus = RepoPaths.CopyCorpus();
        File.WriteAllBytes(Path.Combine(corpus, "documents", "ap6.md"), [0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x80]);
        var ex = Assert.Throws<CorpusValidationException>(() => CorpusLoader.Load(corpus));
        Assert.Contains(ex.Errors, e => e.File == "documents/ap6.md" && e.Reason.Contains("UTF-8"));
    }

    [Fact]
    public void Glossary_RelatedTermMissing_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "glossary/glossary.tsv", "返納金債権\t", l =>
        {
            var cells = l.Split('\t');
            cells[5] = "存在しない用語";
            return string.Join('\t', cells);
        });
        var error = SingleError(corpus);
        Assert.Equal(("glossary/glossary.tsv", line), (error.File, error.Line));
        Assert.Contains("存在しない用語", error.Reason);
    }

    [Fact]
    public void Glossary_SourceToMissingSection_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = Corrupt(corpus, "glossary/glossary.tsv", "返納金債権\t", l =>
        {
            var cells = l.Split('\t');
            cells[4] = "akita-2025#no-such-anchor";
            return string.Join('\t', cells);
        });
        var error = SingleError(corpus);
        Assert.Equal(("glossary/glossary.tsv", line), (error.File, error.Line));
        Assert.Contains("#no-such-anchor", error.Reason);
    }

    /// <summary>Appends <paramref name="row"/> to the copy's metric-aliases.tsv; returns its 1-based line.</summary>
    private static int AppendAlias(string corpus, string row)
    {
        var path = Path.Combine(corpus, CorpusLoader.MetricAliasFile);
        File.AppendAllLines(path, [row]);
        return File.ReadAllLines(path).Length;
    }

    [Fact]
    public void MetricAlias_ForUnknownMetric_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = AppendAlias(corpus, "no-such-metric\t健診データ取得率\tstaff");
        var error = SingleError(corpus);
        Assert.Equal((CorpusLoader.MetricAliasFile, line), (error.File, error.Line));
        Assert.Contains("metric「no-such-metric」は KPI 定義にありません", error.Reason);
    }

    [Fact]
    public void MetricAlias_CitingAFileNoDocumentWasMadeFrom_IsRejectedAtItsLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = AppendAlias(corpus, "generic-drug-share\t後発品\t005_0000000000000000.txt:12");
        var error = SingleError(corpus);
        Assert.Equal((CorpusLoader.MetricAliasFile, line), (error.File, error.Line));
        Assert.Contains("005_0000000000000000.txt", error.Reason);
    }

    [Fact]
    public void MetricAlias_DuplicatedPair_IsRejectedAtTheSecondLine()
    {
        var corpus = RepoPaths.CopyCorpus();
        var line = AppendAlias(corpus, "judo-multi-frequent\t柔整\tstaff");
        var error = SingleError(corpus);
        Assert.Equal((CorpusLoader.MetricAliasFile, line), (error.File, error.Line));
        Assert.Contains("alias「柔整」が重複しています", error.Reason);
    }

    [Fact]
    public void KpiFolder_UnknownFile_IsRejected()
    {
        var corpus = RepoPaths.CopyCorpus();
        File.WriteAllText(Path.Combine(corpus, "kpi", "aliases.tsv"), "metric\talias\tsource\n");
        var error = SingleError(corpus);
        Assert.Equal(("kpi/aliases.tsv", 0), (error.File, error.Line));
        Assert.Contains("metric-aliases.tsv", error.Reason);
    }

    [Fact]
    public void Check_ReportsEveryProblem_NotJustTheFirst()
    {
        var corpus = RepoPaths.CopyCorpus();
        Corrupt(corpus, "kpi/report-2020.results.tsv", "fy2020-card-recovery-rate\t", l => l.Replace("\t92.41\t", "\tabc\t"));
        Corrupt(corpus, "kpi/tohoku-2023.kpis.tsv", "fy2023-akita-employer-checkup-data-rate\t", l => l.Replace("\t秋田\t", "\t火星\t"));
        var (knowledge, errors) = CorpusLoader.Check(corpus);
        Assert.Null(knowledge);
        Assert.Contains(errors, e => e.File == "kpi/report-2020.results.tsv");
        Assert.Contains(errors, e => e.File == "kpi/tohoku-2023.kpis.tsv" && e.Reason.Contains("火星"));
    }

    [Fact]
    public void Load_MissingFolder_SaysSoInJapanese()
    {
        var ex = Assert.Throws<CorpusValidationException>(() => CorpusLoader.Load("/nonexistent/kenpobot"));
        Assert.Contains("コーパスのフォルダがありません", ex.Message);
    }
}
