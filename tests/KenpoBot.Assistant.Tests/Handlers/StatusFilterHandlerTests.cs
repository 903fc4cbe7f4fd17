using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class StatusFilterHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Filter_YamagataNotAchieved2023_ListsSixKpisWithFigures()
    {
        // 003:942 山形 事業者健診データ取得率: KPI 10.3%、結果 7.2%.
        var run = await fixture.HandleAsync<StatusFilterHandler>("山形支部が令和5年度に未達成だったKPIを全部挙げて");

        Assert.StartsWith("山形支部の令和5年度（2023年度）に未達成だった KPI は6件です", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("事業者健診データ取得率（実績 7.2%、目標 10.3%以上）", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("statuses=[NotAchieved], fiscalYear=2023, scopes=[山形]", run.CallText("KpiData", "filter_by_status"));
        Assert.All(run.Answer.KpiEvaluations, e => Assert.Equal(("山形支部", "未達成"), (e.Scope, e.Status)));
        Assert.NotEmpty(run.Answer.Citations);
        Assert.Equal((Intent.StatusFilter, "山形", (int?)2023, (string?)null), (run.Context!.Intent, run.Context.Scope, run.Context.FiscalYear, run.Context.Metric));
    }

    [Fact]
    public async Task Filter_HealthDeclarationShortOfTargetInTohoku_NamesFukushima()
    {
        // 003:966 健康宣言事業所数 令和5年度: 福島 KPI 2,070 結果 2,039（達成度 98.5%）; the other five branches met theirs.
        var run = await fixture.HandleAsync<StatusFilterHandler>("健康宣言事業所数でR5のKPIに届かなかった東北の支部はどこ？");

        Assert.Equal("令和5年度（2023年度）に健康宣言事業所数の KPI が目標に届かなかった（未達成・概ね達成）だったのは、東北の6支部のうち福島支部（実績 2,039事業所、目標 2,070事業所以上、概ね達成）です。", run.FirstSentence);
        Assert.Equal("statuses=[MostlyAchieved,NotAchieved], fiscalYear=2023, scopes=[青森,岩手,宮城,秋田,山形,福島], metric=health-declaration-offices",
            run.CallText("KpiData", "filter_by_status"));
        Assert.Equal("fy2023-fukushima-health-declaration-offices", Assert.Single(run.Answer.KpiEvaluations).KpiId);
        Assert.Equal(["青森", "岩手", "宮城", "秋田", "山形", "福島"], run.Context!.Scopes);
        Assert.Equal("health-declaration-offices", run.Context.Metric);
    }

    [Fact]
    public async Task Filter_Fy2020MostlyAchieved_ListsTheFivePublishedOnes()
    {
        // 001:892 概ね達成 5; 001:790 サービススタンダード 100% → 99.5% 概ね達成, 001:831 保険証回収率 95% → 92.41% 概ね達成, 001:963 ジェネリック 80% → 79.2% 概ね達成.
        var run = await fixture.HandleAsync<StatusFilterHandler>("令和2年度に概ね達成だったKPIは？");

        Assert.StartsWith("協会全体の令和2年度（2020年度）に概ね達成だった KPI は5件です", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("サービススタンダードの達成状況（実績 99.5%、目標 100%以上）", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("資格喪失後1か月以内の保険証回収率（実績 92.41%、目標 95%以上）", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("ジェネリック医薬品使用割合（実績 79.2%、目標 80%以上）", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("statuses=[MostlyAchieved], fiscalYear=2020, scopes=[協会全体]", run.CallText("KpiData", "filter_by_status"));
        Assert.All(run.Answer.Citations, c => Assert.Equal("report-2020", c.DocumentId));
    }

    [Fact]
    public async Task Filter_YearWithoutResults_SaysNotInDocumentsRatherThanNone()
    {
        // 秋田 令和7年度 (003) has targets only: no result has been published, so none can be called 未達成.
        var run = await fixture.HandleAsync<StatusFilterHandler>("秋田支部が令和7年度に未達成だったKPIは？");

        Assert.Contains("資料", run.FirstSentence, StringComparison.Ordinal);
        Assert.DoesNotContain("未達成だった KPI はありません", run.Answer.Text, StringComparison.Ordinal);
        Assert.Empty(run.Answer.Citations);
    }
}
