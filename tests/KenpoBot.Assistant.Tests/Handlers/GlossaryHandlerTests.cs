using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;

namespace KenpoBot.Assistant.Tests.Handlers;

[Collection(AssistantCollection.Name)]
public sealed class GlossaryHandlerTests(AssistantFixture fixture)
{
    // 003:1022 〇返納金債権: 退職等により協会けんぽの資格が無くなった後、協会けんぽの保険証を使用して医療機関を受診してしまった場合に…請求すること.
    // 003:1026 〇保険者間調整: …被保険者の同意に基づき、旧保険者と新保険者の間で返納金の調整を行うこと.
    [Theory]
    [InlineData("返納金債権とは？", "返納金債権", "退職等により協会けんぽの資格が無くなった後、協会けんぽの保険証を使用して医療機関を受診してしまった場合に")]
    [InlineData("保険者間調整とは", "保険者間調整", "旧保険者と新保険者の間で返納金の調整を行うこと。")]
    public async Task Glossary_NamedTerm_GivesTheGlossaryDefinition(string question, string term, string definition)
    {
        var run = await fixture.HandleAsync<GlossaryHandler>(question);

        Assert.StartsWith(term + "（", run.Answer.Text, StringComparison.Ordinal);
        Assert.Contains(definition, run.FirstSentence, StringComparison.Ordinal);
        Assert.Equal(term, run.Answer.Term!.Term);
        Assert.Equal($"term={term}", run.CallText("Glossary", "lookup_term"));
        Assert.Equal("akita-2025", run.Answer.Citations[0].DocumentId);
        Assert.Contains("用語集", run.Answer.Citations[0].Section, StringComparison.Ordinal);
        Assert.Null(run.Context);
    }

    [Fact]
    public async Task Glossary_ThatWord_IsTheTermOfTheLastAnswerNearestTheSubject()
    {
        // 003:218: 返納金債権の大半を占める資格喪失後受診に係る債権については、保険者間調整※1による債権回収が有効な手段である.
        var previous = new ConversationContext(Intent.Search, null, null, null, null)
        {
            LastAnswer = "返納金債権の大半を占める資格喪失後受診に係る債権については、保険者間調整※1による債権回収が有効な手段であるところ、レセプト振替サービス※2の拡充により…",
            Subject = "回収 有効 手段",
        };

        var run = await fixture.HandleAsync<GlossaryHandler>("その言葉の意味は？", previous);

        Assert.StartsWith("保険者間調整（", run.Answer.Text, StringComparison.Ordinal);
        Assert.Equal("term=保険者間調整", run.CallText("Glossary", "lookup_term"));
        Assert.Equal("保険者間調整", run.Context!.Subject);
        Assert.Equal(run.Answer.Text, run.Context.LastAnswer);
    }

    [Fact]
    public async Task Glossary_NoTermAnywhere_FallsBackToTheDocumentsWithoutLookup()
    {
        var run = await fixture.HandleAsync<GlossaryHandler>("その言葉の意味は？");

        Assert.DoesNotContain(run.Turn.Calls, c => c.Plugin == "Glossary");
        Assert.Null(run.Answer.Term);
        Assert.StartsWith(HandlerHarness.NotInDocuments, run.Answer.Text, StringComparison.Ordinal);
        Assert.Empty(run.Answer.Citations);
    }
}
