using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class ComparisonHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Compare_AkitaAndMiyagiEmployerData2023_GivesBothAndTheDifference()
    {
        // 003:942 令和5年度 事業者健診データ取得率: 秋田 19.7%、宮城 5.2% → 差 14.5ポイント.
        var run = await fixture.HandleAsync<ComparisonHandler>("秋田と宮城の令和5年度の事業者健診データ取得率を比べてください");

        Assert.Equal("令和5年度（2023年度）の事業者健診データ取得率は、秋田支部 19.7%、宮城支部 5.2%です。", run.FirstSentence);
        Assert.Contains("秋田支部が宮城支部より14.5ポイント高く", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=employer-checkup-data-rate, fiscalYear=2023, scopes=[秋田,宮城]", run.CallText("Kpi", "compare_scopes"));
        Assert.Equal(2, run.Answer.KpiEvaluations.Count);
        Assert.NotEmpty(run.Answer.Citations);
        var context = run.Context!;
        Assert.Equal(["秋田", "宮城"], context.Scopes);
        Assert.Equal((Intent.Comparison, (int?)2023, "employer-checkup-data-rate"), (context.Intent, context.FiscalYear, context.Metric));
    }

    [Fact]
    public async Task Compare_FollowUpWithOneBranch_ComparesWithTheBranchTalkedAbout()
    {
        var previous = new ConversationContext(Intent.KpiValue, "秋田", 2023, "employer-checkup-data-rate", null) { AnchorKpiId = "fy2023-akita-employer-checkup-data-rate" };

        var run = await fixture.HandleAsync<ComparisonHandler>("宮城と比べると？", previous);

        Assert.Equal("令和5年度（2023年度）の事業者健診データ取得率は、秋田支部 19.7%、宮城支部 5.2%です。", run.FirstSentence);
        Assert.Equal("metric=employer-checkup-data-rate, fiscalYear=2023, scopes=[秋田,宮城]", run.CallText("Kpi", "compare_scopes"));
    }

    [Fact]
    public async Task Compare_ResultAgainstTheTargetTalkedAbout_GivesTheShortfall()
    {
        // 003:372 秋田 令和7年度 KPI 57.6%; 003:940 秋田 令和5年度 結果 56.8% → 0.8ポイント下回る.
        var previous = new ConversationContext(Intent.KpiTarget, "秋田", 2025, "lifestyle-checkup-rate", null)
        {
            AnchorKpiId = "fy2025-akita-lifestyle-checkup-rate",
            LastFigure = new Figure(57.6m, "秋田支部の令和7年度（2025年度）の目標 57.6%以上"),
        };

        var run = await fixture.HandleAsync<ComparisonHandler>("秋田の令和5年度の実績と比べると？", previous);

        Assert.Equal("秋田支部の令和5年度（2023年度）の生活習慣病予防健診受診率の実績は56.8%です。", run.FirstSentence);
        Assert.Contains("目標 57.6%以上と比べると、0.8ポイント下回っています。", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal(["kpiId=fy2025-akita-lifestyle-checkup-rate", "metric=lifestyle-checkup-rate, scope=秋田, fiscalYear=2023"],
            run.Turn.Calls.Select(c => string.Join(", ", c.Arguments.Select(a => $"{a.Key}={a.Value}"))).ToArray());
        Assert.Equal(2, run.Answer.Citations.Count);
        Assert.Equal((56.8m, 57.6m), (run.Context!.LastFigure!.Value, run.Context.PriorFigure!.Value));
    }

    [Fact]
    public async Task Compare_OneBranchTheDocumentsLack_SaysSoForThatBranch()
    {
        var run = await fixture.HandleAsync<ComparisonHandler>("秋田と沖縄の令和5年度の事業者健診データ取得率を比べて");

        Assert.Equal("令和5年度（2023年度）の事業者健診データ取得率は、秋田支部 19.7%です。", run.FirstSentence);
        Assert.Contains("沖縄支部の令和5年度のこの KPI は資料にありません。", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("fy2023-akita-employer-checkup-data-rate", Assert.Single(run.Answer.KpiEvaluations).KpiId);
    }

    [Fact]
    public async Task Compare_BranchesTheDocumentsLack_SaysNotInDocuments()
    {
        var run = await fixture.HandleAsync<ComparisonHandler>("沖縄と鹿児島の令和5年度の事業者健診データ取得率を比べて");

        run.AssertNotFound();
        Assert.Equal("metric=employer-checkup-data-rate, fiscalYear=2023, scopes=[沖縄,鹿児島]", run.CallText("Kpi", "compare_scopes"));
        Assert.Null(run.Context);
    }
}
