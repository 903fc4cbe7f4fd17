using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Understanding;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class RankingHandlerTests(AssistantFixture fixture)
{
    // 003:940 令和5年度 生活習慣病予防健診受診率 結果: 青森63.2 岩手64.0 宮城74.7 秋田56.8 山形82.6 福島65.4.
    [Theory]
    [InlineData("東北6支部で令和5年度の生活習慣病予防健診受診率がいちばん低いのはどこ？", RankOrder.Lowest, "最も低いのは秋田支部の56.8%", "秋田", 56.8,
        "秋田支部 56.8%、青森支部 63.2%、岩手支部 64.0%、福島支部 65.4%、宮城支部 74.7%、山形支部 82.6%")]
    [InlineData("東北6支部で令和5年度の生活習慣病予防健診受診率がいちばん高いのはどこ？", RankOrder.Highest, "最も高いのは山形支部の82.6%", "山形", 82.6,
        "山形支部 82.6%、宮城支部 74.7%、福島支部 65.4%、岩手支部 64.0%、青森支部 63.2%、秋田支部 56.8%")]
    public async Task Rank_TohokuLifestyleCheckup2023_NamesTheBranchAtTheEnd(string question, RankOrder order, string fact, string top, double topValue, string list)
    {
        var run = await fixture.HandleAsync<RankingHandler>(question);

        Assert.Contains("令和5年度（2023年度）の生活習慣病予防健診受診率が東北の6支部で", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains(fact, run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains(list, run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal($"metric=lifestyle-checkup-rate, fiscalYear=2023, scopes=[青森,岩手,宮城,秋田,山形,福島], order={order}", run.CallText("KpiData", "rank_scopes"));
        Assert.Equal(6, run.Answer.KpiEvaluations.Count);
        Assert.All(run.Answer.Citations, c => Assert.Equal("akita-2025", c.DocumentId));
        Assert.NotEmpty(run.Answer.Citations);

        var context = run.Context!;
        Assert.Equal((Intent.Ranking, top, (int?)2023, "lifestyle-checkup-rate"), (context.Intent, context.Scope, context.FiscalYear, context.Metric));
        Assert.Equal(6, context.Scopes.Count);
        Assert.Equal((decimal)topValue, context.LastFigure!.Value);
        Assert.Null(context.PriorFigure);
    }

    [Fact]
    public async Task Rank_NoRegionNoYear_RanksEveryBranchWithResultsInTheLatestYear()
    {
        // 003:942 令和5年度 事業者健診データ取得率 結果: 青森11.8 岩手11.6 宮城5.2 秋田19.7 山形7.2 福島6.9; no other year has branch results.
        var run = await fixture.HandleAsync<RankingHandler>("事業者健診データ取得率が一番高い支部は？");

        Assert.Equal("令和5年度（2023年度）の事業者健診データ取得率が資料にある6支部で最も高いのは秋田支部の19.7%です。", run.FirstSentence);
        Assert.Contains("秋田支部 19.7%、青森支部 11.8%、岩手支部 11.6%、山形支部 7.2%、福島支部 6.9%、宮城支部 5.2%", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=employer-checkup-data-rate, fiscalYear=2023, scopes=[], order=Highest", run.CallText("KpiData", "rank_scopes"));
        Assert.Equal(("秋田", (int?)2023, 19.7m), (run.Context!.Scope, run.Context.FiscalYear, run.Context.LastFigure!.Value));
    }

    [Fact]
    public async Task Rank_YearWithoutResults_SaysNotInDocumentsAndCitesNothing()
    {
        var run = await fixture.HandleAsync<RankingHandler>("東北6支部で令和9年度の生活習慣病予防健診受診率がいちばん高いのはどこ？");

        run.AssertNotFound();
        Assert.Contains("令和9年度（2027年度）", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("metric=lifestyle-checkup-rate, fiscalYear=2027, scopes=[青森,岩手,宮城,秋田,山形,福島], order=Highest", run.CallText("KpiData", "rank_scopes"));
        Assert.Null(run.Context);
    }

    [Fact]
    public async Task Rank_AfterAnotherFigure_KeepsItAsThePriorFigure()
    {
        var previous = new ConversationContext(Intent.KpiValue, "秋田", 2023, "lifestyle-checkup-rate", null)
        {
            LastFigure = new Figure(56.8m, "秋田支部の令和5年度（2023年度）の実績 56.8%"),
        };

        var run = await fixture.HandleAsync<RankingHandler>("東北6支部で令和5年度の生活習慣病予防健診受診率がいちばん高いのはどこ？", previous);

        Assert.Contains("山形支部の82.6%", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal(82.6m, run.Context!.LastFigure!.Value);
        Assert.Equal(56.8m, run.Context.PriorFigure!.Value);
    }
}
