using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class KpiStatusHandlerTests(AssistantFixture fixture)
{
    [Theory]
    // 003:940 令和5年度 生活習慣病予防健診受診率: 青森 KPI 65.0% 結果 63.2%（達成度 97.2%）、岩手 61.6% → 64.0%.
    [InlineData("青森の令和5年度の生活習慣病予防健診受診率は達成？", "青森支部の令和5年度（2023年度）の生活習慣病予防健診受診率は概ね達成です（目標 65.0%以上に対し実績 63.2%、達成度 97.2%）。",
        "metric=lifestyle-checkup-rate, scope=青森, fiscalYear=2023", "fy2023-aomori-lifestyle-checkup-rate")]
    [InlineData("岩手の生活習慣病予防健診受診率って目標達成してる？", "岩手支部の令和5年度（2023年度）の生活習慣病予防健診受診率は達成です（目標 61.6%以上に対し実績 64.0%、達成度 103.9%）。",
        "metric=lifestyle-checkup-rate, scope=岩手, fiscalYear=2023", "fy2023-iwate-lifestyle-checkup-rate")]
    // 003:942 秋田 事業者健診データ取得率: KPI 22.2%、結果 19.7%（達成度 88.7%）.
    [InlineData("秋田支部の令和5年度の事業者健診データ取得率は目標達成した？", "秋田支部の令和5年度（2023年度）の事業者健診データ取得率は未達成です（目標 22.2%以上に対し実績 19.7%、達成度 88.7%）。",
        "metric=employer-checkup-data-rate, scope=秋田, fiscalYear=2023", "fy2023-akita-employer-checkup-data-rate")]
    public async Task Status_OneKpi_GivesStatusTargetResultAndRatio(string question, string sentence, string call, string kpiId)
    {
        var run = await fixture.HandleAsync<KpiStatusHandler>(question);

        Assert.Equal(sentence, run.FirstSentence);
        Assert.Equal(call, run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal((Intent.KpiStatus, (int?)2023, kpiId), (run.Context!.Intent, run.Context.FiscalYear, run.Context.AnchorKpiId));
    }

    [Fact]
    public async Task Status_FollowUpThatAchieved_AnswersForTheKpiTalkedAbout()
    {
        var previous = new ConversationContext(Intent.KpiValue, "秋田", 2023, "employer-checkup-data-rate", null)
        {
            AnchorKpiId = "fy2023-akita-employer-checkup-data-rate",
            LastFigure = new Figure(19.7m, "秋田支部の令和5年度（2023年度）の実績 19.7%"),
        };

        var run = await fixture.HandleAsync<KpiStatusHandler>("それは達成？", previous);

        // 003:942: 22.2% に対し 19.7%.
        Assert.StartsWith("秋田支部の令和5年度（2023年度）の事業者健診データ取得率は未達成です", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("metric=employer-checkup-data-rate, scope=秋田, fiscalYear=2023", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal(("秋田", "fy2023-akita-employer-checkup-data-rate"), (run.Context!.Scope, run.Context.AnchorKpiId));
    }

    [Fact]
    public async Task Status_AllKpisOfAkita2023_CountsEachStatusFirst()
    {
        // 003 参考：令和５年度ＫＰＩ及び結果: 秋田の19項目（e.g. 942: 事業者健診 22.2% → 19.7% 未達成）.
        var run = await fixture.HandleAsync<KpiStatusHandler>("秋田支部の令和5年度のKPIの達成状況は？");

        Assert.Equal("秋田支部の令和5年度（2023年度）の KPI 19件の達成状況は、達成 12、概ね達成 1、未達成 6、評価不能 0 です。", run.FirstSentence);
        Assert.Equal("scope=秋田, fiscalYear=2023", run.CallText("Kpi", "evaluate_scope"));
        Assert.Equal(19, run.Answer.KpiEvaluations.Count);
        Assert.NotEmpty(run.Answer.Citations);
        Assert.Equal((Intent.KpiStatus, "秋田", (int?)2023, (string?)null), (run.Context!.Intent, run.Context.Scope, run.Context.FiscalYear, run.Context.Metric));
    }

    [Fact]
    public async Task Status_YearWithoutKpis_SaysNotInDocuments()
    {
        var run = await fixture.HandleAsync<KpiStatusHandler>("令和9年度の協会全体のKPIの達成状況は？");

        run.AssertNotFound();
        Assert.Contains("協会全体の令和9年度（2027年度）", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("scope=協会全体, fiscalYear=2027", run.CallText("Kpi", "evaluate_scope"));
    }
}
