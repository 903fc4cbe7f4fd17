namespace KenpoBot.Corpus.Tests;

public sealed class CorpusLoaderTests
{
    private static readonly KnowledgeBase Knowledge = CorpusLoader.Load(RepoPaths.Corpus);

    [Fact]
    public void Load_RealCorpus_HasEveryDocumentOfTheSeeds()
    {
        Assert.Equal(
            ["akita-2025", "ap5-2021", "ap6", "iwate-2020", "iwate-2021", "plan-2021", "report-2020"],
            Knowledge.Documents.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Scope.Parse("秋田"), Knowledge.FindDocument("akita-2025")!.Scope);
        Assert.Equal(new FiscalYearRange(2024, 2026), Knowledge.FindDocument("ap6")!.FiscalYears);
        Assert.Equal(DocumentKind.BusinessReport, Knowledge.FindDocument("report-2020")!.Kind);
    }

    [Fact]
    public void Load_RealCorpus_CoversTheRequiredKpiSets()
    {
        // 001: 21 KPIs and the 参考 line; 003: 19 KPIs × 7 scopes for FY2023.
        Assert.Equal(22, Knowledge.Kpis.Count(k => k.DocumentId == "report-2020"));
        Assert.Single(Knowledge.Kpis, k => k.DocumentId == "report-2020" && k.IsReference);
        Assert.Equal(133, Knowledge.Kpis.Count(k => k.FiscalYears == new FiscalYearRange(2023, 2023)));
        Assert.Equal(7, Knowledge.Kpis.Where(k => k.FiscalYears.From == 2023).Select(k => k.Scope).Distinct().Count());
        Assert.Contains(Knowledge.Kpis, k => k.DocumentId == "ap6");
        Assert.Contains(Knowledge.Kpis, k => k.Scope == Scope.Parse("岩手") && k.FiscalYears.From == 2021);
        Assert.Contains(Knowledge.Kpis, k => k.Scope == Scope.Parse("岩手") && k.FiscalYears.From == 2020);
    }

    [Theory]
    [InlineData("fy2023-akita-employer-checkup-data-rate", 2023, "19.7")]
    [InlineData("fy2020-card-recovery-rate", 2020, "92.41")]
    [InlineData("fy2020-generic-drug-share", 2020, "79.2")]
    public void Load_RealCorpus_KeepsResultsAsPublished(string kpiId, int year, string actual)
    {
        var result = Assert.Single(Knowledge.ResultsOf(kpiId), r => r.FiscalYear == year);
        Assert.Equal(decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), result.Actual);
        Assert.Equal(actual, result.Actual!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("fy2021-iwate-generic-drug-share", "84.5")]
    [InlineData("fy2021-iwate-insured-guidance-rate", "24.1")]
    [InlineData("fy2025-akita-dependent-specific-checkup-rate", "31.2")]
    public void Load_RealCorpus_KeepsTargetsAsPublished(string kpiId, string target)
    {
        Assert.Equal(target, Knowledge.FindKpi(kpiId)!.Target.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Load_RealCorpus_GlossaryHasTheTermsOfTheAkitaGlossaryAndAtLeastSixtyTerms()
    {
        Assert.True(Knowledge.Glossary.Count >= 60);
        foreach (var term in new[] { "保険者機能強化アクションプラン", "データヘルス計画", "医療提供体制", "レセプト点検", "返納金債権", "保険者間調整", "健康保険委員", "インセンティブ制度" })
        {
            var entry = Knowledge.FindTerm(term);
            Assert.NotNull(entry);
            Assert.Contains(entry.Sources, s => s.StartsWith("akita-2025#", StringComparison.Ordinal));
        }
        Assert.Equal("ジェネリック医薬品", Knowledge.FindTerm("後発医薬品")!.Term);
    }

    [Fact]
    public void Load_RealCorpus_FixesTheExtractionMisspellings()
    {
        var text = string.Join("\n", Knowledge.Documents.SelectMany(d => d.Sections).Select(s => s.Heading + s.Text));
        Assert.DoesNotContain("コラボルス", text);
        Assert.DoesNotContain("ジュネラック", text);
        Assert.DoesNotContain("協会けんぼ", text);
        Assert.DoesNotContain("1.03&", text);
    }

    [Fact]
    public void Load_RealCorpus_HasSeveralAliasesForEveryMetric()
    {
        Assert.True(Knowledge.MetricAliases.Count >= 150);
        var aliasCounts = Knowledge.MetricAliases.CountBy(a => a.Metric).ToDictionary(p => p.Key, p => p.Value);
        foreach (var metric in Knowledge.Kpis.Select(k => k.Metric).Distinct())
        {
            Assert.True(aliasCounts.GetValueOrDefault(metric) >= 3, $"{metric} has {aliasCounts.GetValueOrDefault(metric)} aliases");
        }
    }

    [Theory]
    [InlineData("健診データ取得率", "employer-checkup-data-rate")]
    [InlineData("事業者健診データの取得率", "employer-checkup-data-rate")]
    [InlineData("特定保健指導実施率", "dependent-guidance-rate guidance-rate insured-guidance-rate")]
    [InlineData("特定健診実施率", "dependent-specific-checkup-rate specific-checkup-plan-reference")]
    [InlineData("生活習慣病予防健診実施率", "lifestyle-checkup-rate")]
    [InlineData("生活習慣病予防検診", "lifestyle-checkup-rate")]
    [InlineData("保険証回収率", "card-recovery-rate")]
    [InlineData("返納金", "refund-claim-recovery-rate refund-share")]
    [InlineData("査定率", "receipt-assessment-rate")]
    [InlineData("柔整", "judo-multi-frequent")]
    [InlineData("ジェネリック", "generic-drug-share")]
    [InlineData("後発医薬品", "generic-drug-share")]
    [InlineData("バイオ後続品", "biosimilar-promotion biosimilar-share")]
    [InlineData("郵送化率", "mail-application-rate")]
    [InlineData("平均所要日数", "service-standard-days")]
    [InlineData("一者応札", "single-bid-share")]
    [InlineData("受診勧奨", "post-referral-visit-rate untreated-visit-rate")]
    [InlineData("限度額認定証", "ceiling-certificate-rate")]
    [InlineData("LINE", "sns-posting")]
    public void Load_RealCorpus_AliasNamesTheExpectedMetrics(string alias, string metrics)
    {
        Assert.Equal(
            metrics.Split(' '),
            Knowledge.MetricAliases.Where(a => a.Alias == alias).Select(a => a.Metric).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_RealCorpus_AliasesOfPopulationSpecificMetricsLeaveOutThePopulationWord()
    {
        var populationMetrics = Knowledge.Kpis
            .Where(k => k.MetricName.StartsWith("被保険者の", StringComparison.Ordinal) || k.MetricName.StartsWith("被扶養者の", StringComparison.Ordinal))
            .Select(k => k.Metric)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["dependent-guidance-rate", "dependent-specific-checkup-rate", "insured-guidance-rate"], populationMetrics.Order(StringComparer.Ordinal));
        Assert.All(
            Knowledge.MetricAliases.Where(a => populationMetrics.Contains(a.Metric)),
            a => Assert.False(a.Alias.Contains("被保険者") || a.Alias.Contains("被扶養者"), $"{a.Location}: {a.Alias}"));
    }

    [Fact]
    public void Load_CorpusWithoutMetricAliases_LoadsWithNoAliases()
    {
        var copy = RepoPaths.CopyCorpus();
        File.Delete(Path.Combine(copy, CorpusLoader.MetricAliasFile));
        var knowledge = CorpusLoader.Load(copy);
        Assert.Empty(knowledge.MetricAliases);
        Assert.Equal(Knowledge.Kpis.Count, knowledge.Kpis.Count);
    }

    [Fact]
    public void ContentHash_ChangesWithAnyByte()
    {
        var copy = RepoPaths.CopyCorpus();
        var before = CorpusLoader.Hash(copy);
        File.AppendAllText(Path.Combine(copy, "documents", "ap6.md"), "\n");
        Assert.NotEqual(before, CorpusLoader.Hash(copy));
        Assert.Equal(Knowledge.ContentHash, CorpusLoader.Hash(RepoPaths.Corpus));
    }
}
