using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class ChangeHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Change_IwateEmployerDataTargetR2ToR3_Gives13Point6To18Point4()
    {
        // 004:654 (令和2年度・旧) 事業者健診データ取得率を１３．６％以上; 004:602 (令和3年度・新) １８．４％以上.
        var run = await fixture.HandleAsync<ChangeHandler>("岩手の事業者健診データ取得率の目標、R2とR3で何が変わった？");

        Assert.Equal("岩手支部の事業者健診データ取得率の目標は、令和2年度の13.6%以上から、令和3年度は18.4%以上に変わりました。", run.FirstSentence);
        Assert.Equal("metric=employer-checkup-data-rate, scope=岩手, fiscalYears=[2020,2021]", run.CallText("KpiData", "compare_years"));
        Assert.Equal(["iwate-2020", "iwate-2021"], run.Answer.Citations.Select(c => c.DocumentId).ToArray());
        var context = run.Context!;
        Assert.Equal((Intent.Change, "岩手", (int?)2021, "fy2021-iwate-employer-checkup-data-rate"), (context.Intent, context.Scope, context.FiscalYear, context.AnchorKpiId));
    }

    [Fact]
    public async Task Change_AkitaCardRecoveryAgainstPreviousYear_SaysItFell()
    {
        // 003:874 秋田 保険証回収率: 前年度（KPI）95.42% → 令和5年度 92.09%、3.33ポイント低下.
        var run = await fixture.HandleAsync<ChangeHandler>("秋田の令和5年度の保険証回収率は前年度より上がった？");

        Assert.Equal("いいえ、秋田支部の令和5年度（2023年度）の資格喪失後1か月以内の保険証回収率は92.09%で、前年度の95.42%から3.33ポイント下がりました。", run.FirstSentence);
        Assert.Equal("metric=card-recovery-rate, scope=秋田, fiscalYear=2023", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal(("秋田", (int?)2023, 92.09m), (run.Context!.Scope, run.Context.FiscalYear, run.Context.LastFigure!.Value));
    }

    [Fact]
    public async Task Change_FollowUpFell_AnswersYesForTheKpiTalkedAbout()
    {
        var previous = new ConversationContext(Intent.KpiValue, "秋田", 2023, "card-recovery-rate", null) { AnchorKpiId = "fy2023-akita-card-recovery-rate" };

        var run = await fixture.HandleAsync<ChangeHandler>("それは前年度より下がった？", previous);

        Assert.StartsWith("はい、秋田支部の令和5年度（2023年度）の資格喪失後1か月以内の保険証回収率は92.09%で、前年度の95.42%から3.33ポイント下がりました。", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=card-recovery-rate, scope=秋田, fiscalYear=2023", run.CallText("Kpi", "evaluate_kpi"));
    }

    [Fact]
    public async Task Change_YearTheDocumentsLack_SaysNotInDocumentsForThatYear()
    {
        var run = await fixture.HandleAsync<ChangeHandler>("岩手の事業者健診データ取得率の目標、R2とR9で何が変わった？");

        run.AssertNotFound();
        Assert.Contains("岩手支部の令和9年度（2027年度）", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=employer-checkup-data-rate, scope=岩手, fiscalYears=[2020,2027]", run.CallText("KpiData", "compare_years"));
        Assert.Null(run.Context);
    }
}
