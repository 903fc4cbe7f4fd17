using KenpoBot.Corpus.Import;

namespace KenpoBot.Corpus.Tests.Import;

public sealed class ResultsTableReaderTests
{
    private static DocumentDraft Draft(params string[] lines) =>
        DraftBuilder.Build(lines, new ImportOptions("t", "branch-plan", "秋田", new FiscalYearRange(2025, 2025), null, "t", "t.txt"), MetricCatalog.Empty);

    // 003 lines 889–913 (the FY2023 table of the association and the six Tohoku branches), shortened to two rows.
    private static readonly string[] Table =
    [
        "参考：令和５年度ＫＰＩ及び結果（協会全体＋東北６県）",
        " 具体的施策",
        "協会全体 青森支部 岩手支部 宮城支部 秋田支部 山形支部 福島支部",
        "",
        "ＫＰＩ 結果 ＫＰＩ 結果 ＫＰＩ 結果 ＫＰＩ 結果 ＫＰＩ 結果 ＫＰＩ 結果 ＫＰＩ 結果",
        "",
        "サービス水準の向上",
        "",
        "①サービススタンダードの達成状況を100％とする 100% 99.9% 100% 100% 100% 100% 100% 100% 100% 100% 100% 100% 100% 100%",
        "",
        "効果的なレセプト点検の推進",
        "",
        "社会保険診療報酬支払基金と合算したレセプト点検の査",
        "定率について前年度以上とする",
        "",
        "0.337% 0.423% 0.354% 0.406% 0.394% 0.495% 0.268% 0.330% 0.190% 0.284% 0.266% 0.323% 0.344% 0.434%",
    ];

    [Fact]
    public void Read_RowPerKpi_GivesAKpiAndAResultForEachScope()
    {
        var draft = Draft(Table);

        var akita = draft.Kpis.Single(k => k.Scope == "秋田" && k.Wording == "サービススタンダードの達成状況を100%とする");
        Assert.Equal((TargetKind.AbsoluteHigher, 100m), (akita.Target.Kind, akita.Target.Value));
        Assert.Equal(new FiscalYearRange(2023, 2023), akita.Years);
        Assert.Equal(100m, draft.Results.Single(r => r.KpiId == akita.Id).Actual);
        Assert.Equal(14, draft.Results.Count);
    }

    [Fact]
    public void Read_PreviousYearKpi_PutsTheKpiCellIntoPrevious()
    {
        var draft = Draft(Table);

        var kpi = draft.Kpis.Single(k => k.Scope == "協会全体" && k.Wording.StartsWith("社会保険診療報酬支払基金", StringComparison.Ordinal));
        Assert.Equal("社会保険診療報酬支払基金と合算したレセプト点検の査定率について前年度以上とする", kpi.Wording);
        Assert.Equal("効果的なレセプト点検の推進", kpi.Measure);
        Assert.Equal((TargetKind.PreviousHigher, (decimal?)null), (kpi.Target.Kind, kpi.Target.Value));
        var result = draft.Results.Single(r => r.KpiId == kpi.Id);
        Assert.Equal((0.423m, 0.337m), (result.Actual, result.Previous));
    }

    [Fact]
    public void Read_RowWhoseCellsDoNotLineUp_IsListedAndGivesNoResult()
    {
        // 003: 「80.0%」「44支部」「が達成」 break the generic-drug row of the association over three lines.
        var draft = Draft([.. Table[..6], "ジェネリック医薬品の使用促進", "", "80.0%", "44支部", "が達成", "", "83.6% 85.3% 85.9% 87.4% 84.9% 86.5% 84.0% 85.8% 85.9% 87.8% 83.7% 85.3%"]);

        Assert.Empty(draft.Results);
        Assert.Contains(draft.Report.Unplaced, e => e.Text.Contains("44支部"));
    }
}
