using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class GapHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Gap_Ap6InsuredGuidanceTargetAndReferenceValue_Is8Point9()
    {
        // 002:211: 被保険者の特定保健指導実施率を27.1%以上とする、参考：令和4年度末 18.2% → 8.9ポイント.
        var run = await fixture.HandleAsync<GapHandler>("第6期の被保険者の特定保健指導実施率のKPIと令和4年度末の値の差は？");

        Assert.StartsWith("差は8.9ポイントです（第6期アクションプラン（2024〜2026年度）の被保険者の特定保健指導実施率の目標 27.1%以上と令和4年度末の値 18.2%の差", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("kpiId=ap6-insured-guidance-rate, fiscalYear=2024", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("ap6", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal(("ap6-insured-guidance-rate", 18.2m, 27.1m), (run.Context!.AnchorKpiId, run.Context.LastFigure!.Value, run.Context.PriorFigure!.Value));
    }

    [Fact]
    public async Task Gap_AkitaEmployerDataTargetAndResult_Is2Point5Short()
    {
        // 003:942 秋田 令和5年度: KPI 22.2%、結果 19.7% → 2.5ポイント不足.
        var run = await fixture.HandleAsync<GapHandler>("秋田支部の令和5年度の事業者健診データ取得率の目標との差は？");

        Assert.StartsWith("差は2.5ポイントです（秋田支部の令和5年度（2023年度）の事業者健診データ取得率の目標 22.2%以上と秋田支部の令和5年度（2023年度）の実績 19.7%の差。目標に届いていません", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("kpiId=fy2023-akita-employer-checkup-data-rate, fiscalYear=2023", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal(("秋田", (int?)2023, 19.7m, 22.2m), (run.Context!.Scope, run.Context.FiscalYear, run.Context.LastFigure!.Value, run.Context.PriorFigure!.Value));
    }

    [Fact]
    public async Task Gap_FollowUp_MeasuresBetweenTheLastTwoFigures()
    {
        // 002:211: 目標 27.1%、令和4年度末 18.2%.
        var previous = new ConversationContext(Intent.KpiValue, "協会全体", 2024, "insured-guidance-rate", "AP6")
        {
            AnchorKpiId = "ap6-insured-guidance-rate",
            PriorFigure = new Figure(27.1m, "第6期アクションプラン（2024〜2026年度）の目標 27.1%以上"),
            LastFigure = new Figure(18.2m, "令和4年度末の値 18.2%"),
        };

        var run = await fixture.HandleAsync<GapHandler>("その差は何ポイント？", previous);

        Assert.Equal("差は8.9ポイントです（第6期アクションプラン（2024〜2026年度）の目標 27.1%以上と令和4年度末の値 18.2%の差）。", run.FirstSentence);
        Assert.Equal("kpiId=ap6-insured-guidance-rate", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("ap6", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal((Intent.Gap, "AP6", 18.2m, 27.1m), (run.Context!.Intent, run.Context.Plan, run.Context.LastFigure!.Value, run.Context.PriorFigure!.Value));
    }

    [Fact]
    public async Task Gap_AfterValueThenStatus_MeasuresTargetAgainstResult()
    {
        // 003:942 秋田 令和5年度 事業者健診データ取得率: 22.2% に対し 19.7% → その差は 2.5ポイント.
        // The status answer states the target and the same result again; the gap must not be 0.
        var value = await fixture.HandleAsync<KpiValueHandler>("秋田支部の令和5年度の事業者健診データ取得率は？");
        var status = await fixture.HandleAsync<KpiStatusHandler>("それは達成？", value.Context);

        var run = await fixture.HandleAsync<GapHandler>("その差は？", status.Context);

        Assert.StartsWith("差は2.5ポイントです", run.FirstSentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gap_BranchTheDocumentsLack_SaysNotInDocuments()
    {
        var run = await fixture.HandleAsync<GapHandler>("沖縄支部の令和5年度の事業者健診データ取得率の目標との差は？");

        run.AssertNotFound();
        Assert.Empty(run.Turn.Calls);
        Assert.Null(run.Context);
    }
}
