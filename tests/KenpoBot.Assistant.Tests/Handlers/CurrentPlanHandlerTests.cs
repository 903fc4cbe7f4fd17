using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class CurrentPlanHandlerTests(AssistantFixture fixture)
{
    // 002:9 第6期保険者機能強化アクションプラン（2024年度～2026年度）; 000:1 保険者機能強化アクションプラン（第５期）（2021–2023, README）.
    // Today in the tests is 2026-11-22, fiscal year 2026.
    [Theory]
    [InlineData("今は第何期？", "令和8年度（2026年度）は第6期保険者機能強化アクションプラン（2024〜2026年度）の期間です。", "ap6")]
    [InlineData("令和6年度は第何期？", "令和6年度（2024年度）は第6期保険者機能強化アクションプラン（2024〜2026年度）の期間です。", "ap6")]
    [InlineData("令和4年度は第何期？", "令和4年度（2022年度）は第5期保険者機能強化アクションプラン（2021〜2023年度）の期間です。", "ap5")]
    public async Task CurrentPlan_YearInAPlan_NamesThePlanAndItsPeriod(string question, string sentence, string documentPrefix)
    {
        var run = await fixture.HandleAsync<CurrentPlanHandler>(question);

        Assert.Equal(sentence, run.FirstSentence);
        Assert.StartsWith(documentPrefix, Assert.Single(run.Answer.Citations).DocumentId, StringComparison.Ordinal);
        Assert.Empty(run.Turn.Calls);
        Assert.Null(run.Context);
    }

    [Fact]
    public async Task CurrentPlan_YearOutsideEveryPlan_SaysNotInDocumentsAndCitesNothing()
    {
        var run = await fixture.HandleAsync<CurrentPlanHandler>("令和12年度は第何期？");

        Assert.Equal("資料には記載がありません。", run.FirstSentence);
        Assert.Contains("令和12年度（2030年度）を期間に含むアクションプランは資料にありません", run.Answer.Text, StringComparison.Ordinal);
        Assert.Contains("第5期（2021〜2023年度）と第6期（2024〜2026年度）", run.Answer.Text, StringComparison.Ordinal);
        Assert.Empty(run.Answer.Citations);
        Assert.Null(run.Context);
    }

    [Fact]
    public async Task CurrentPlan_FollowUpYear_IsNotTheYearInheritedFromTheConversation()
    {
        var previous = new ConversationContext(Intent.KpiValue, "秋田", 2023, "lifestyle-checkup-rate", null);

        var run = await fixture.HandleAsync<CurrentPlanHandler>("今は第何期？", previous);

        Assert.Equal("令和8年度（2026年度）は第6期保険者機能強化アクションプラン（2024〜2026年度）の期間です。", run.FirstSentence);
    }
}
