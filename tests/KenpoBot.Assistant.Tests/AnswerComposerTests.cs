using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Tests;

[Collection(AssistantCollection.Name)]
public sealed class AnswerComposerTests(AssistantFixture fixture)
{
    private AnswerComposer Composer => new(fixture.Knowledge, new KenpoBot.Assistant.Understanding.ContentWords());

    [Fact]
    public void NotInDocuments_SaysSoCitesNothingAndSuggestsQuestions()
    {
        var answer = AnswerComposer.NotInDocuments("明日の東京の天気は", []);
        Assert.Equal(Intent.OutOfScope, answer.Intent);
        Assert.StartsWith("資料には記載がありません", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Citations);
        Assert.NotEmpty(answer.Suggestions);
    }

    [Fact]
    public void Glossary_TermTheDocumentsOnlyUse_SaysSo()
    {
        var used = fixture.Knowledge.Glossary.First(e => !e.DefinedInDocuments);
        var defined = fixture.Knowledge.Glossary.First(e => e.DefinedInDocuments);
        Assert.Contains("定義してはいません", Composer.Glossary("q", used, []).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("定義してはいません", Composer.Glossary("q", defined, []).Text, StringComparison.Ordinal);
    }
}
