using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class DocumentHandlerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Search_WhenIsOnlineApplication_GivesTheDateFromTheAkitaPlan()
    {
        // 003:242: 2026（令和８）年１月の電子申請導入にあたり、事業主・加入者に対し利用方法やメリットを幅広く広報する.
        var run = await fixture.HandleAsync<DocumentHandler>("電子申請はいつ導入されますか");

        Assert.Equal(Intent.Search, run.Answer.Intent);
        Assert.Contains("2026（令和８）年１月の電子申請導入", run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal("query=電子申請はいつ導入されますか, top=6", run.CallText("Knowledge", "search_plans"));
        Assert.Contains(run.Answer.Citations, c => c.DocumentId == "akita-2025");
        Assert.Equal((Intent.Search, "電子 申請 導入"), (run.Context!.Intent, run.Context.Subject));
    }

    [Fact]
    public async Task Search_AbolishedInAp6_LeadsWithTheAbolishedMeasure()
    {
        // 002:45: ③ 限度額適用認定証の利用促進 →令和5年4月からのオンライン資格確認義務化に伴い廃止する.
        var run = await fixture.HandleAsync<DocumentHandler>("第6期で廃止された施策は");

        Assert.Contains("限度額適用認定証", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains(run.Turn.Calls, c => c.Function == "search_plans" && Equals(c.Arguments.GetValueOrDefault("plan"), "AP6"));
        Assert.Contains(run.Answer.Citations, c => c.DocumentId == "ap6");
    }

    [Fact]
    public async Task Search_FollowUpWithThatSubject_SearchesWithinTheSubject()
    {
        // 003:218: 返納金債権の大半を占める資格喪失後受診に係る債権については、保険者間調整※1による債権回収が有効な手段である.
        var previous = new ConversationContext(Intent.Glossary, null, null, null, null) { Subject = "返納金債権" };

        var run = await fixture.HandleAsync<DocumentHandler>("その回収に有効な手段は？", previous);

        Assert.Contains("保険者間調整", run.FirstSentence, StringComparison.Ordinal);
        Assert.Contains("有効な手段", run.FirstSentence, StringComparison.Ordinal);
        Assert.NotEmpty(run.Answer.Citations);
    }

    [Theory]
    [InlineData("沖縄支部の事業計画は？")]
    [InlineData("第8期アクションプランの重点施策は？")]
    public async Task Search_BranchOrPlanTheDocumentsLack_SaysNotInDocumentsWithoutSearching(string question)
    {
        var run = await fixture.HandleAsync<DocumentHandler>(question);

        Assert.StartsWith(HandlerHarness.NotInDocuments, run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal(Intent.OutOfScope, run.Answer.Intent);
        Assert.Empty(run.Answer.Citations);
        Assert.Empty(run.Turn.Calls);
        Assert.Null(run.Context);
    }
}
