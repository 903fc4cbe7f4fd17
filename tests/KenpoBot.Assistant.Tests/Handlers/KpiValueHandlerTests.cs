using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class KpiValueHandlerTests(AssistantFixture fixture)
{
    [Theory]
    // 003:942 秋田 令和5年度 事業者健診データ取得率: KPI 22.2%、結果 19.7%.
    [InlineData("秋田支部の令和5年度の事業者健診データ取得率は？", "秋田支部の令和5年度（2023年度）の事業者健診データ取得率の実績は19.7%です（目標 22.2%以上、未達成）。",
        "metric=employer-checkup-data-rate, scope=秋田, fiscalYear=2023", "akita-2025", "秋田", 2023, "fy2023-akita-employer-checkup-data-rate", 19.7)]
    // 001:831 2020年度 保険証回収率: 目標 95%、実績 92.41%、概ね達成.
    [InlineData("令和2年度の保険証回収率の結果は", "協会全体の令和2年度（2020年度）の資格喪失後1か月以内の保険証回収率の実績は92.41%です（目標 95%以上、概ね達成）。",
        "metric=card-recovery-rate, scope=協会全体, fiscalYear=2020", "report-2020", "協会全体", 2020, "fy2020-card-recovery-rate", 92.41)]
    // 003:940 協会全体 令和5年度 生活習慣病予防健診受診率: KPI 63.9%、結果 57.7%.
    [InlineData("令和5年度の協会全体の生活習慣病予防健診受診率は？", "協会全体の令和5年度（2023年度）の生活習慣病予防健診受診率の実績は57.7%です（目標 63.9%以上、未達成）。",
        "metric=lifestyle-checkup-rate, scope=協会全体, fiscalYear=2023", "akita-2025", "協会全体", 2023, "fy2023-all-lifestyle-checkup-rate", 57.7)]
    public async Task Value_PublishedResult_GivesResultTargetAndStatus(string question, string sentence, string call, string document, string scope, int year, string kpiId, double result)
    {
        var run = await fixture.HandleAsync<KpiValueHandler>(question);

        Assert.Equal(sentence, run.FirstSentence);
        Assert.Equal(call, run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal(document, Assert.Single(run.Answer.Citations).DocumentId);
        var context = run.Context!;
        Assert.Equal((Intent.KpiValue, scope, (int?)year, kpiId), (context.Intent, context.Scope, context.FiscalYear, context.AnchorKpiId));
        Assert.Equal((decimal)result, context.LastFigure!.Value);
    }

    [Fact]
    public async Task Value_FollowUpTargetPopulation_GivesThePeopleOfTheAnchoredKpi()
    {
        // 003:368: 被保険者（40歳以上）（実施対象者数：142,354人）; 003:369 生活習慣病予防健診 実施率 57.6％.
        var previous = new ConversationContext(Intent.KpiTarget, "秋田", 2025, "lifestyle-checkup-rate", null)
        {
            AnchorKpiId = "fy2025-akita-lifestyle-checkup-rate",
            LastFigure = new Figure(57.6m, "秋田支部の令和7年度（2025年度）の目標 57.6%以上"),
        };

        var run = await fixture.HandleAsync<KpiValueHandler>("対象者は何人？", previous);

        Assert.Equal("秋田支部の令和7年度（2025年度）の生活習慣病予防健診受診率の実施対象者数は142,354人です（目標 57.6%以上）。", run.FirstSentence);
        Assert.Equal("kpiId=fy2025-akita-lifestyle-checkup-rate", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal(("秋田", (int?)2025, "fy2025-akita-lifestyle-checkup-rate"), (run.Context!.Scope, run.Context.FiscalYear, run.Context.AnchorKpiId));
        Assert.Equal(57.6m, run.Context.LastFigure!.Value);
    }

    [Fact]
    public async Task Value_FollowUpBaseline_GivesTheReferenceValueAndRemembersBothFigures()
    {
        // 002:211: 被保険者の特定保健指導実施率を27.1%以上とする、参考：令和4年度末 18.2%.
        var previous = new ConversationContext(Intent.KpiTarget, "協会全体", null, "insured-guidance-rate", "AP6")
        {
            AnchorKpiId = "ap6-insured-guidance-rate",
            LastFigure = new Figure(27.1m, "第6期アクションプラン（2024〜2026年度）の目標 27.1%以上"),
        };

        var run = await fixture.HandleAsync<KpiValueHandler>("令和4年度末の値は？", previous);

        Assert.Equal("第6期アクションプラン（2024〜2026年度）の被保険者の特定保健指導実施率の令和4年度末の値（参考値）は18.2%です（目標 27.1%以上）。", run.FirstSentence);
        Assert.Equal("kpiId=ap6-insured-guidance-rate", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("ap6", Assert.Single(run.Answer.Citations).DocumentId);
        var context = run.Context!;
        Assert.Equal(("AP6", "ap6-insured-guidance-rate"), (context.Plan, context.AnchorKpiId));
        Assert.Equal((18.2m, 27.1m), (context.LastFigure!.Value, context.PriorFigure!.Value));
    }

    [Fact]
    public async Task Value_YearPublishedOnlyAsPrevious_GivesTheNextTablesPreviousValue()
    {
        // 003:874 秋田 保険証回収率: KPI（対前年度以上 = 令和4年度の値）95.42%、令和5年度結果 92.09%.
        var run = await fixture.HandleAsync<KpiValueHandler>("秋田支部の令和4年度の保険証回収率は？");

        Assert.StartsWith("秋田支部の令和4年度（2022年度）の資格喪失後1か月以内の保険証回収率は95.42%です", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal(["metric=card-recovery-rate, scope=秋田, fiscalYear=2022", "metric=card-recovery-rate, scope=秋田, fiscalYear=2023"],
            run.Turn.Calls.Select(c => string.Join(", ", c.Arguments.Select(a => $"{a.Key}={a.Value}"))).ToArray());
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Null(run.Context);
    }

    [Fact]
    public async Task Value_BranchTheDocumentsLack_SaysNotInDocuments()
    {
        var run = await fixture.HandleAsync<KpiValueHandler>("沖縄支部の令和5年度の事業者健診データ取得率は？");

        run.AssertNotFound();
        Assert.Contains("沖縄支部の令和5年度（2023年度）", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=employer-checkup-data-rate, scope=沖縄, fiscalYear=2023", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Null(run.Context);
    }
}
