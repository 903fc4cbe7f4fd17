namespace KenpoBot.Assistant.Tests.Paraphrases;

/// <summary>answers.tsv: questions through the whole assistant; the documented facts must come first, and what the documents lack is said plainly.</summary>
[Collection(AssistantCollection.Name)]
public sealed class AnswerFactsTests(AssistantFixture fixture)
{
    public const int AnswerFirstLength = 300;

    public static TheoryData<string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in ParaphraseTable.Rows("answers.tsv", 4)) data.Add(row[0], row[1], row[2]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Answer_StatesTheDocumentedFactsFirstOrSaysTheDocumentsLackThem(string id, string question, string expect)
    {
        var answer = await fixture.Assistant.AskAsync("paraphrase-" + id + "-" + Guid.NewGuid().ToString("N"), question, default);
        if (expect == "OUT_OF_SCOPE")
        {
            Assert.Empty(answer.Citations);
            Assert.True(answer.Text.Contains("資料には記載がありません", StringComparison.Ordinal) || answer.Text.Contains("資料にありません", StringComparison.Ordinal),
                $"{id}: expected 資料には記載がありません or 資料にありません in: {answer.Text}");
            return;
        }
        var head = ParaphraseTable.Normalize(answer.Text);
        head = head[..Math.Min(AnswerFirstLength, head.Length)];
        Assert.True(ParaphraseTable.MissingFacts(expect, head) is { Count: 0 },
            $"{id}: missing {string.Join(" ; ", ParaphraseTable.MissingFacts(expect, head))} in: {head}");
    }
}
