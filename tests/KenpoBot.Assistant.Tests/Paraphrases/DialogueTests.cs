namespace KenpoBot.Assistant.Tests.Paraphrases;

/// <summary>dialogues.tsv: conversations whose later turns lean on the earlier ones (じゃあ…は？, 目標は？, それって達成？, 前年度は？…).</summary>
[Collection(AssistantCollection.Name)]
public sealed class DialogueTests(AssistantFixture fixture)
{
    public static TheoryData<string> Dialogues()
    {
        var data = new TheoryData<string>();
        foreach (var id in ParaphraseTable.Rows("dialogues.tsv", 4).Select(r => r[0]).Distinct()) data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Dialogues))]
    public async Task FollowUps_AnswerFromTheConversationSoFar(string dialogue)
    {
        var conversation = "dialogue-" + dialogue + "-" + Guid.NewGuid().ToString("N");
        var failures = new List<string>();
        foreach (var row in ParaphraseTable.Rows("dialogues.tsv", 4).Where(r => r[0] == dialogue).OrderBy(r => int.Parse(r[1])))
        {
            var answer = await fixture.Assistant.AskAsync(conversation, row[2], default);
            var head = ParaphraseTable.Normalize(answer.Text);
            head = head[..Math.Min(AnswerFactsTests.AnswerFirstLength, head.Length)];
            if (ParaphraseTable.MissingFacts(row[3], head) is { Count: > 0 } missing)
                failures.Add($"turn {row[1]} 「{row[2]}」: missing {string.Join(" ; ", missing)} in: {head}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
