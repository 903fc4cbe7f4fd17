using KenpoBot.Tests.Shared;

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>
/// Streaming: the model path says it is searching, then streams the model's text as it arrives; the returned answer is
/// authoritative (an ungrounded stream is replaced by the offline answer). Offline answers do not stream.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class StreamingTests(AssistantFixture fixture)
{
    [Fact]
    public async Task TheModelsText_IsStreamedAfterAnInformativeUpdate()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_scope", new { scope = "秋田", fiscalYear = 2023 })
            .Message("秋田支部の令和5年度（2023年度）のKPIは19件で、達成は12件です。", piece: 5);
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));
        var stream = new RecordingStream();

        var answer = await harness.Assistant.AskAsync("s1", "秋田支部の令和5年度のKPIの達成状況は？", stream, default);

        Assert.Equal(["資料を検索しています…"], stream.Informed);
        Assert.True(stream.Deltas.Count > 1);
        Assert.Equal(answer.Text, string.Concat(stream.Deltas));
        Assert.True(answer.ByModel);
        Assert.Equal(19, answer.KpiEvaluations.Count);
        Assert.Contains(answer.ToolCalls, c => c.Function == "evaluate_scope");
        Assert.All(server.Received, r => Assert.True(r.Stream));
    }

    [Fact]
    public async Task AStreamedAnswerWithAnInventedNumber_IsReplacedByTheOfflineAnswer()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_kpi", new { metric = "employer-checkup-data-rate", scope = "秋田", fiscalYear = 2023 })
            .Message("秋田支部の令和5年度の事業者健診データ取得率は20.4%です。", piece: 4);
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));
        var stream = new RecordingStream();

        var answer = await harness.Assistant.AskAsync("s2", "秋田支部の令和5年度の事業者健診データ取得率は？", stream, default);

        // The stream stops before the invented figure (the published result is 19.7%): users never see it.
        var shown = string.Concat(stream.Deltas);
        Assert.NotEmpty(stream.Deltas);
        Assert.StartsWith(shown, "秋田支部の令和5年度の事業者健診データ取得率は");
        Assert.DoesNotContain("20", shown);
        Assert.False(answer.ByModel);
        Assert.Contains("19.7", answer.Text);
    }

    [Fact]
    public async Task OfflineAnswers_DoNotStream()
    {
        var stream = new RecordingStream();

        var answer = await fixture.Assistant.AskAsync("s3", "返納金債権とは？", stream, default);

        Assert.StartsWith("返納金債権（", answer.Text);
        Assert.Empty(stream.Informed);
        Assert.Empty(stream.Deltas);
    }
}
