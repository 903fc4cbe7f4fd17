using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class CountHandlerTests(AssistantFixture fixture)
{
    // 001:892-894: KPIの達成状況 達成 6 概ね達成 5 未達成 10（「概ね達成」は達成度95％以上）.
    [Theory]
    [InlineData("令和2年度のKPIはいくつ達成しましたか？")]
    [InlineData("令和2年度の協会けんぽのKPIはいくつ達成した？")]
    public async Task Count_Fy2020Association_MatchesThePublishedCounts(string question)
    {
        var run = await fixture.HandleAsync<CountHandler>(question);

        Assert.Equal("協会全体の令和2年度（2020年度）の KPI 21件の達成状況は、達成 6、概ね達成 5、未達成 10、評価不能 0 です。", run.FirstSentence);
        Assert.Equal((6, 5, 10, 0), (run.Answer.Summary!.Achieved, run.Answer.Summary.MostlyAchieved, run.Answer.Summary.NotAchieved, run.Answer.Summary.NotEvaluable));
        Assert.Equal("scope=協会全体, fiscalYear=2020", run.CallText("Kpi", "evaluate_scope"));
        Assert.All(run.Answer.Citations, c => Assert.Equal("report-2020", c.DocumentId));
        Assert.NotEmpty(run.Answer.Citations);
        Assert.Equal(("協会全体", (int?)2020), (run.Context!.Scope, run.Context.FiscalYear));
    }

    [Fact]
    public async Task Count_Akita2023_CountsTheNineteenKpis()
    {
        var run = await fixture.HandleAsync<CountHandler>("秋田支部の令和5年度のKPI、19項目のうちいくつ達成しましたか？");

        Assert.Equal(Intent.Count, run.Answer.Intent);
        Assert.StartsWith("秋田支部の令和5年度（2023年度）の KPI 19件の達成状況は、達成 12、概ね達成 1、未達成 6", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("scope=秋田, fiscalYear=2023", run.CallText("Kpi", "evaluate_scope"));
        Assert.Equal(("秋田", (int?)2023), (run.Context!.Scope, run.Context.FiscalYear));
    }

    [Fact]
    public async Task Count_BranchWithoutYear_CountsItsLatestResults()
    {
        // 003 参考：令和５年度ＫＰＩ及び結果 holds 秋田's only published results (令和7年度 has targets only).
        var run = await fixture.HandleAsync<CountHandler>("秋田支部のKPIはいくつ達成しましたか？");

        Assert.DoesNotContain(HandlerHarness.NotInDocuments, run.Answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("秋田支部の令和5年度（2023年度）の KPI 19件の達成状況は", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("scope=秋田, fiscalYear=2023", run.CallText("Kpi", "evaluate_scope"));
    }

    [Fact]
    public async Task Count_YearWithoutKpis_SaysNotInDocuments()
    {
        var run = await fixture.HandleAsync<CountHandler>("令和9年度の協会全体のKPIはいくつ達成しましたか？");

        run.AssertNotFound();
        Assert.Equal("scope=協会全体, fiscalYear=2027", run.CallText("Kpi", "evaluate_scope"));
    }
}
