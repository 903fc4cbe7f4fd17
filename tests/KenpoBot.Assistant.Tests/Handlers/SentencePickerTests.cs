using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Search.Index;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Assistant.Tests.Handlers;

/// <summary>The picker splits an entry's text once; what it picks must not depend on what it was asked before.</summary>
[Collection(AssistantCollection.Name)]
public sealed class SentencePickerTests(AssistantFixture fixture)
{
    private SentencePicker Picker => fixture.Services.GetRequiredService<SentencePicker>();

    private QuestionFrame Frame(string question) => fixture.Services.GetRequiredService<QuestionReader>().Read(question, null);

    [Fact]
    public void ASectionsSentences_AreTheSameWhenAskedAgain_AndComeFromItsWholeText()
    {
        var section = fixture.Knowledge.Documents.SelectMany(d => d.Sections).First(s => s.Text.Contains("特定保健指導", StringComparison.Ordinal) && s.Text.Length > 200);
        var passage = new PlanPassage(EntryKind.Section, section.Reference, section.DocumentId, "", string.Join(" > ", section.HeadingPath), "", "", "（スニペット）", 1);
        var frame = Frame("特定保健指導の実施率は");

        var first = Picker.Pick(frame, frame.Text, [passage], take: 5);
        var again = Picker.Pick(frame, frame.Text, [passage], take: 5);

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(p => p.Text), again.Select(p => p.Text));
        Assert.All(first, p => Assert.Contains(p.Text.TrimEnd('。', '…')[..Math.Min(6, p.Text.Length)], section.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void APassageTheKnowledgeBaseDoesNotHave_IsReadFromItsOwnSnippet_EachTime()
    {
        // Two passages under the same unknown id: each must be read from its own snippet, not from the first one's sentences.
        var frame = Frame("電子申請の導入時期は");
        PlanPassage Unknown(string snippet) => new(EntryKind.Section, "no-such-doc#x", "no-such-doc", "", "見出し", "", "", snippet, 1);

        var first = Picker.Pick(frame, frame.Text, [Unknown("電子申請は令和8年1月に導入する予定である。")]);
        var second = Picker.Pick(frame, frame.Text, [Unknown("電子申請の導入に向けて準備を進める予定である。")]);

        Assert.Equal("電子申請は令和8年1月に導入する予定である。", Assert.Single(first).Text);
        Assert.Equal("電子申請の導入に向けて準備を進める予定である。", Assert.Single(second).Text);
    }
}
