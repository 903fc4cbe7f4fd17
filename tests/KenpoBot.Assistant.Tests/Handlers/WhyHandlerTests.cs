using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class WhyHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Why_AkitaLifestyleCheckupKpi_GivesThePlansOwnRationale()
    {
        // 003:724-726 KPI一覧表の考え方: 実績が支部ごとに乖離があること、支部によっては協会事業計画の目標率を超えていることから…支部ごとにＫＰＩを設定する.
        var run = await fixture.HandleAsync<WhyHandler>("秋田支部の令和7年度の生活習慣病予防健診のKPIが57.6%なのはなぜ？");

        Assert.Equal(Intent.Why, run.Answer.Intent);
        Assert.StartsWith("実績が支部ごとに乖離があること、支部によっては協会事業計画の目標率を超えていることから", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("支部ごとにＫＰＩを設定する", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("kpiId=fy2025-akita-lifestyle-checkup-rate", run.CallText("Kpi", "evaluate_kpi"));
        Assert.Equal("akita-2025", Assert.Single(run.Answer.Citations).DocumentId);
        Assert.Null(run.Context);
    }

    [Fact]
    public async Task Why_MeasureWithoutKpi_AnswersFromTheReasonTheDocumentsGive()
    {
        // 003:248: デジタル・ガバメント実行計画により2025（令和７）年度末までの電子申請導入が求められていることから…重要度が高い.
        var run = await fixture.HandleAsync<WhyHandler>("電子申請の導入の重要度が高いのはなぜ？");

        Assert.Equal(Intent.Why, run.Answer.Intent);
        Assert.Contains("デジタル・ガバメント実行計画", run.Answer.Text.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains(run.Turn.Calls, c => c is { Plugin: "Knowledge", Function: "search_plans" });
        Assert.Contains(run.Answer.Citations, c => c.DocumentId == "akita-2025");
        Assert.Equal(Intent.Search, run.Context!.Intent);
    }

    [Fact]
    public async Task Why_BranchTheDocumentsLack_SaysNotInDocuments()
    {
        var run = await fixture.HandleAsync<WhyHandler>("沖縄支部の生活習慣病予防健診のKPIが高いのはなぜ？");

        run.AssertNotFound();
        Assert.Null(run.Context);
    }
}
