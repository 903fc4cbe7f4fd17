using System.Text;

namespace KenpoBot.Assistant.Tests;

/// <summary>The shared dev questions, asked through the assistant and checked with the file's own rule.</summary>
[Collection(AssistantCollection.Name)]
public sealed class DevQuestionsTests(AssistantFixture fixture)
{
    public static TheoryData<string, string, string> Questions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AssistantFixture.RepoRoot(), "..", "shared", "eval", "questions.dev.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            data.Add(cells[0], cells[1], cells[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task DevQuestion_AnswerContainsTheExpectedWords(string id, string question, string expect)
    {
        var answer = await fixture.Assistant.AskAsync(id + Guid.NewGuid().ToString("N"), question, default);
        if (expect == "OUT_OF_SCOPE")
        {
            Assert.Empty(answer.Citations);
            return;
        }
        var haystack = (answer.Text + "\n" + string.Join("\n", answer.Citations.Select(c => c.Snippet))).Normalize(NormalizationForm.FormKC);
        foreach (var group in expect.Split(';'))
        {
            Assert.True(group.Split('|').Any(alt => haystack.Contains(alt.Normalize(NormalizationForm.FormKC), StringComparison.Ordinal)),
                $"{id}: none of 「{group}」 in: {haystack}");
        }
    }
}
