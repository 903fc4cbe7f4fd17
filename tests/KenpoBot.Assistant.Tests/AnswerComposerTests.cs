using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Tests;

[Collection(AssistantCollection.Name)]
public sealed class AnswerComposerTests(AssistantFixture fixture)
{
    private AnswerComposer Composer => new(fixture.Knowledge);

    [Fact]
    public void Search_NoPassageSharesTheQuestionsWords_IsOutOfScopeWithExamples()
    {
        var hit = new PlanPassage(EntryKind.Section, "ap6#changes", "ap6", "第6期", "全体像", "協会全体", "2024-2026", "限度額適用認定証", 1f);
        var answer = Composer.Search("明日の東京の天気は", "明日の東京の天気は", [hit], []);
        Assert.Equal(Intent.OutOfScope, answer.Intent);
        Assert.Contains("見つかりませんでした", answer.Text, StringComparison.Ordinal);
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
