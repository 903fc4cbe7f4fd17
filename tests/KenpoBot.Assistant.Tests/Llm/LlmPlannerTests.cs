using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Llm;
using KenpoBot.Assistant.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>
/// The LLM path end to end against a scripted OpenAI-compatible server on loopback: the real connector, the real function
/// schemas, the serialisation and the automatic invocation all run. Only the model is scripted.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class LlmPlannerTests(AssistantFixture fixture)
{
    private KenpoAssistant CreateAssistant(ScriptedOpenAiServer server, int timeoutSeconds = 10)
    {
        var options = new LlmOptions { Endpoint = server.BaseUrl, Model = "scripted-model", ApiKey = "test-key", TimeoutSeconds = timeoutSeconds };
        var kernel = fixture.Services.GetRequiredService<Kernel>();
        return new KenpoAssistant(
            fixture.Services.GetRequiredService<OfflinePlanner>(),
            new ConversationStore(TimeProvider.System),
            NullLogger<KenpoAssistant>.Instance,
            new LlmPlanner(kernel, options, NullLogger<LlmPlanner>.Instance));
    }

    [Fact]
    public async Task ToolCall_IsInvokedAndItsResultGoesBackToTheModel()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Glossary-lookup_term", new { term = "返納金債権" }).Message("返納金債権とは、資格喪失後の受診で協会けんぽが給付した医療費を請求するものです。（出典: 秋田支部 令和7年度事業計画 用語集）");
        var assistant = CreateAssistant(server);

        var answer = await assistant.AskAsync("c1", "返納金債権とは？", default);

        Assert.StartsWith("返納金債権とは、資格喪失後の受診", answer.Text);
        Assert.Contains(answer.ToolCalls, c => c is { Plugin: "Glossary", Function: "lookup_term" } && Equals(c.Arguments["term"]?.ToString(), "返納金債権"));
        Assert.Equal(2, server.Requests.Count);
        // The first request offered the plugins' functions as tools, with their Japanese descriptions.
        var tools = server.Requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Kpi-evaluate_scope", tools);
        Assert.Contains("Glossary-lookup_term", tools);
        Assert.Contains("Knowledge-search_plans", tools);
        Assert.Equal("system", server.Requests[0]["messages"]![0]!["role"]!.GetValue<string>());
        // The second carried the tool's real result: the glossary definition from the corpus.
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("受診", toolMessage!["content"]!.ToString());
    }

    [Fact]
    public async Task KpiToolCall_ReturnsTheEngineEvaluation()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_scope", new { scope = "秋田", fiscalYear = 2023 }).Message("秋田支部の令和5年度は達成12件です。");
        var assistant = CreateAssistant(server);

        var answer = await assistant.AskAsync("c2", "秋田支部の令和5年度のKPIの達成状況は？", default);

        Assert.Equal("秋田支部の令和5年度は達成12件です。", answer.Text);
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString();
        // The branch's own target (秋田 22.2%), not the association's wording that 003 prints on every branch row.
        Assert.Contains("事業者健診データ取得率を22.2%以上とする", toolMessage);
        Assert.DoesNotContain("9.6％以上", toolMessage);
        Assert.Contains("19.7", toolMessage);
        // The typed evaluations stay in the answer, so the card and the JSON show the engine's numbers.
        Assert.Equal(19, answer.KpiEvaluations.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task ServerError_FallsBackToTheOfflineAnswer(int status)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        for (var i = 0; i < 10; i++) server.Status(status);
        var assistant = CreateAssistant(server);

        var answer = await assistant.AskAsync("c3", "返納金債権とは？", default);

        Assert.Equal(Intent.Glossary, answer.Intent);
        Assert.StartsWith("返納金債権（", answer.Text);
    }

    [Fact]
    public async Task Timeout_FallsBackToTheOfflineAnswer()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        for (var i = 0; i < 5; i++) server.Delay(TimeSpan.FromSeconds(5));
        var assistant = CreateAssistant(server, timeoutSeconds: 1);

        var answer = await assistant.AskAsync("c4", "返納金債権とは？", default);

        Assert.StartsWith("返納金債権（", answer.Text);
    }

    [Fact]
    public async Task MalformedToolCall_FallsBackOrRecovers_WithoutInventingAnything()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.RawToolCall("Kpi-evaluate_scope", "{not json").RawToolCall("No-such_function", "{}");
        var assistant = CreateAssistant(server);

        var answer = await assistant.AskAsync("c5", "秋田支部の令和5年度のKPIの達成状況は？", default);

        // The script then runs out (500): the offline answer stands, with the engine's numbers.
        Assert.StartsWith("秋田支部の令和5年度（2023年度）の KPI 19件の達成状況は、達成 12、", answer.Text);
        Assert.Equal(19, answer.KpiEvaluations.Count);
    }
}
