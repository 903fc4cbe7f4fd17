using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class WhatIfHandlerTests(AssistantFixture fixture)
{
    // 003:942 秋田 令和5年度 事業者健診データ取得率の KPI 22.2%: 21% は達成度 94.6%（未達成）、21.1% は 95.0%（概ね達成）、22.2% は達成.
    [Theory]
    [InlineData("21%", "21", "未達成です（目標 22.2%以上、達成度 94.6%）")]
    [InlineData("21.1%", "21.1", "概ね達成です（目標 22.2%以上、達成度 95.0%）")]
    [InlineData("22.2%", "22.2", "達成です（目標 22.2%以上")]
    public async Task WhatIf_AkitaEmployerData2023_StatusFollowsTheRules(string supposed, string argument, string verdict)
    {
        var run = await fixture.HandleAsync<WhatIfHandler>($"秋田支部の令和5年度の事業者健診データ取得率が{supposed}なら？");

        Assert.StartsWith($"秋田支部の令和5年度（2023年度）の事業者健診データ取得率の実績が{supposed}なら、{verdict}", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal($"metric=employer-checkup-data-rate, scope=秋田, fiscalYear=2023, whatIfActual={argument}", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Equal(("秋田", (int?)2023, "fy2023-akita-employer-checkup-data-rate"), (run.Context!.Scope, run.Context.FiscalYear, run.Context.AnchorKpiId));
    }

    [Fact]
    public async Task WhatIf_ShortfallOfAkitaLifestyleCheckup2025_IsGivenInPointsAndPeople()
    {
        // 003:368-372: 実施対象者数 142,354人、KPI 57.6%. 55% は達成度 95.5%（概ね達成）、2.6ポイント不足 = 142,354 × 2.6% = 3,701.2 → 3,702人.
        var frame = new QuestionFrame
        {
            Text = "秋田支部の令和7年度の生活習慣病予防健診が55%で終わったら、目標まで何人足りない？",
            Intent = Intent.WhatIf,
            Scopes = [Scope.Parse("秋田")],
            Years = [2025],
            Metrics = ["lifestyle-checkup-rate"],
            Numbers = [new NumberMention(55m, "%")],
            Asks = Asks.WhatIf | Asks.People,
        };

        var run = await fixture.HandleAsync<WhatIfHandler>(frame);

        Assert.StartsWith("秋田支部の令和7年度（2025年度）の生活習慣病予防健診受診率の実績が55%なら、概ね達成です（目標 57.6%以上、達成度 95.5%）。", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("目標まで 2.6ポイント 不足（対象者 142,354人に当てはめると 3,701.2人、約 3,702人の不足", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=lifestyle-checkup-rate, scope=秋田, fiscalYear=2025, whatIfActual=55", run.CallText("Kpi", "evaluate_kpi"));
    }

    [Fact]
    public async Task WhatIf_ThatResultAgainstTheAnchoredTarget_UsesTheLastFigure()
    {
        // 003:940 秋田 令和5年度 結果 56.8%; 003:368-372 令和7年度 KPI 57.6%、対象者 142,354人 → 0.8ポイント（1,138.8 → 1,139人）不足、達成度 98.6%.
        var previous = new ConversationContext(Intent.Comparison, "秋田", 2025, "lifestyle-checkup-rate", null)
        {
            AnchorKpiId = "fy2025-akita-lifestyle-checkup-rate",
            LastFigure = new Figure(56.8m, "秋田支部の令和5年度（2023年度）の実績 56.8%"),
        };
        var frame = fixture.Read("その実績のままだと何人足りない？", previous) with { Intent = Intent.WhatIf };

        var run = await fixture.HandleAsync<WhatIfHandler>(frame, previous);

        Assert.Equal("秋田支部の令和7年度（2025年度）の生活習慣病予防健診受診率の実績が56.8%なら、概ね達成です（目標 57.6%以上、達成度 98.6%）。", run.FirstSentence);
        Assert.Equal("kpiId=fy2025-akita-lifestyle-checkup-rate, whatIfActual=56.8", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Contains("目標まで 0.8ポイント 不足（対象者 142,354人に当てはめると 1,138.8人、約 1,139人の不足", run.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_NoNumberAndNoFigureBefore_AsksForTheValue()
    {
        var frame = new QuestionFrame { Text = "もし達成できなかったら？", Intent = Intent.WhatIf, Metrics = ["lifestyle-checkup-rate"], Asks = Asks.WhatIf };

        var run = await fixture.HandleAsync<WhatIfHandler>(frame);

        Assert.StartsWith("仮定する実績の値", run.Answer.Text, StringComparison.Ordinal);
        Assert.Empty(run.Turn.Calls);
        Assert.Empty(run.Answer.Citations);
        Assert.Null(run.Context);
    }
}
