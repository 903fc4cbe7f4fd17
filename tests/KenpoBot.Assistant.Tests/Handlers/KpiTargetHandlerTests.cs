using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class KpiTargetHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Target_AkitaLifestyleCheckup2025_GivesTargetAndPopulation()
    {
        // 003:365-372: 被保険者（実施対象者数：142,354人）生活習慣病予防健診 実施率 57.6％; ■KPI：生活習慣病予防健診実施率を57.6％以上とする.
        var run = await fixture.HandleAsync<KpiTargetHandler>("秋田支部の令和7年度の生活習慣病予防健診の目標は？");

        Assert.StartsWith("秋田支部の令和7年度（2025年度）の生活習慣病予防健診受診率の目標（KPI）は「生活習慣病予防健診実施率を57.6％以上とする」で、目標値は57.6%以上です。", run.Answer.Text, StringComparison.Ordinal);
        Assert.Contains("実施対象者数 142,354人", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("scope=秋田, fiscalYear=2025, metric=lifestyle-checkup-rate", run.CallText("Kpi", "list_kpis"));
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);

        var context = run.Context!;
        Assert.Equal((Intent.KpiTarget, "秋田", (int?)2025, "lifestyle-checkup-rate"), (context.Intent, context.Scope, context.FiscalYear, context.Metric));
        Assert.Equal("fy2025-akita-lifestyle-checkup-rate", context.AnchorKpiId);
        Assert.Equal(57.6m, context.LastFigure!.Value);
    }

    [Fact]
    public async Task Target_Ap6InsuredGuidance_GivesTargetAndTheReferenceValue()
    {
        // 002:211: 被保険者の特定保健指導実施率を27.1%以上とする、参考：令和4年度末 18.2%.
        var run = await fixture.HandleAsync<KpiTargetHandler>("第6期の被保険者の特定保健指導実施率のKPIは？");

        Assert.Equal("第6期アクションプラン（2024〜2026年度）の被保険者の特定保健指導実施率の目標（KPI）は「被保険者の特定保健指導実施率を27.1%以上とする」で、目標値は27.1%以上です。", run.FirstSentence);
        Assert.Contains("参考：令和4年度末 18.2%", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("scope=協会全体, plan=AP6, metric=insured-guidance-rate", run.CallText("Kpi", "list_kpis"));
        Assert.Equal("ap6", Assert.Single(run.Answer.Citations).DocumentId);

        var context = run.Context!;
        Assert.Equal(("協会全体", (int?)null, "AP6", "ap6-insured-guidance-rate"), (context.Scope, context.FiscalYear, context.Plan, context.AnchorKpiId));
        Assert.Equal(27.1m, context.LastFigure!.Value);
    }

    [Fact]
    public async Task Target_AmbiguousGuidanceRate_AnswersForInsuredAndDependents()
    {
        // 002:211: 被保険者 27.1%以上（令和4年度末 18.2%）、被扶養者 20.7%以上（令和4年度末 15.5%）.
        var run = await fixture.HandleAsync<KpiTargetHandler>("第6期の特定保健指導実施率のKPIは？");

        var lines = run.Answer.Text.Split('\n');
        Assert.Contains("被保険者の特定保健指導実施率を27.1%以上とする", lines[0], StringComparison.Ordinal);
        Assert.Contains("被扶養者の特定保健指導実施率を20.7%以上とする", lines[1], StringComparison.Ordinal);
        Assert.Contains("両方を示します", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal(["insured-guidance-rate", "dependent-guidance-rate"],
            run.Turn.Calls.Where(c => c.Function == "list_kpis").Select(c => (string)c.Arguments["metric"]!).ToArray());
        Assert.Equal(["insured-guidance-rate", "dependent-guidance-rate"], run.Context!.Metrics);
    }

    [Fact]
    public async Task Target_IwateEmployerData2021_GivesTheNewColumn()
    {
        // 004:602 (令和3年度・新): ■KPI：②事業者健診データ取得率を１８．４％以上とする.
        var run = await fixture.HandleAsync<KpiTargetHandler>("岩手支部の令和3年度の事業者健診データ取得率の目標は？");

        Assert.Contains("岩手支部の令和3年度（2021年度）の事業者健診データ取得率", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("目標値は18.4%以上です。", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("scope=岩手, fiscalYear=2021, metric=employer-checkup-data-rate", run.CallText("Kpi", "list_kpis"));
        Assert.Equal("iwate-2021", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal("fy2021-iwate-employer-checkup-data-rate", run.Context!.AnchorKpiId);
    }

    [Fact]
    public async Task Target_PlanTheDocumentsLack_SaysNotInDocumentsWithoutCalls()
    {
        var run = await fixture.HandleAsync<KpiTargetHandler>("第7期のKPIは？");

        run.AssertNotFound();
        Assert.Contains("第7期アクションプラン", run.Answer.Text, StringComparison.Ordinal);
        Assert.Empty(run.Turn.Calls);
        Assert.Null(run.Context);
    }
}
