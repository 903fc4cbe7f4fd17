using KenpoBot.Tests.Shared;

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>
/// The LLM path end to end against a scripted OpenAI-compatible server on loopback: the DI-registered Kernel, the real
/// connector over the named HttpClient with its resilience handler, the real function schemas, the serialisation and the
/// automatic invocation all run. Only the model is scripted.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class LlmPlannerTests(AssistantFixture fixture)
{
    [Fact]
    public async Task ToolCall_IsInvokedAndItsResultGoesBackToTheModel()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Glossary-lookup_term", new { term = "返納金債権" }).Message("返納金債権とは、資格喪失後の受診で協会けんぽが給付した医療費を請求するものです。（出典: 秋田支部 令和7年度事業計画 用語集）");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("c1", "返納金債権とは？", default);

        Assert.StartsWith("返納金債権とは、資格喪失後の受診", answer.Text);
        Assert.True(answer.ByModel);
        Assert.Contains(answer.ToolCalls, c => c is { Plugin: "Glossary", Function: "lookup_term" } && Equals(c.Arguments["term"]?.ToString(), "返納金債権"));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("/v1/chat/completions", server.Received[0].Path);
        Assert.Equal("Bearer test-key", server.Received[0].Authorization);
        Assert.Equal("system", server.Requests[0]["messages"]![0]!["role"]!.GetValue<string>());
        // The second request carried the tool's real result: the glossary definition from the corpus.
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("資格が無くなった後", toolMessage!["content"]!.ToString());
        // The term the tool found makes the glossary card; its sources (glossary.tsv: akita-2025#glossary-refund-claim…) are the citations.
        Assert.Equal(Intent.Glossary, answer.Intent);
        Assert.Equal("へんのうきんさいけん", answer.Term?.Reading);
        Assert.Contains(answer.Citations, c => c.DocumentId == "akita-2025");
        Assert.Contains(answer.Citations, c => c.DocumentId == "ap6");
    }

    [Fact]
    public async Task EveryPluginFunctionIsOfferedAsATool_WithAJapaneseDescription()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Message("資料には記載がありません。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        await harness.Assistant.AskAsync("c-tools", "今日の天気は？", default);

        var tools = server.Requests[0]["tools"]!.AsArray().ToDictionary(
            t => t!["function"]!["name"]!.GetValue<string>(), t => t!["function"]!["description"]?.GetValue<string>() ?? "");
        string[] expected =
        [
            "Knowledge-search_plans", "Knowledge-open_section", "Glossary-lookup_term",
            "Kpi-list_kpis", "Kpi-evaluate_scope", "Kpi-evaluate_kpi", "Kpi-compare_scopes", "Kpi-explain_rules",
            "KpiData-find_metrics", "KpiData-rank_scopes", "KpiData-filter_by_status", "KpiData-compare_years",
        ];
        Assert.Equal(expected.Order(), tools.Keys.Order());
        Assert.All(tools.Values, d => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", d));
        // What-if is evaluate_kpi's whatIfActual; the count of each status is evaluate_scope's summary.
        Assert.Contains("whatIfActual", server.Requests[0]["tools"]!.ToJsonString());
    }

    [Fact]
    public async Task KpiToolCall_ItsEvaluationsAreTheAnswers()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_scope", new { scope = "秋田", fiscalYear = 2023 }).Message("秋田支部の令和5年度は達成12件です。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("c2", "秋田支部の令和5年度のKPIの達成状況は？", default);

        Assert.Equal("秋田支部の令和5年度は達成12件です。", answer.Text);
        var toolMessage = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString();
        // The branch's own target (秋田 22.2%), not the association's wording that 003 prints on every branch row.
        Assert.Contains("事業者健診データ取得率を22.2%以上とする", toolMessage);
        Assert.DoesNotContain("9.6％以上", toolMessage);
        Assert.Contains("19.7", toolMessage);
        // The evaluations are the ones the model's call returned: 秋田's 19 KPIs of 2023 (tohoku-2023.kpis.tsv), with the result of tohoku-2023.results.tsv.
        Assert.Equal(Intent.KpiStatus, answer.Intent);
        Assert.Equal(19, answer.KpiEvaluations.Count);
        Assert.All(answer.KpiEvaluations, e => Assert.Equal(2023, e.FiscalYear));
        Assert.Equal(19.7m, answer.KpiEvaluations.Single(e => e.KpiId == "fy2023-akita-employer-checkup-data-rate").Actual);
        Assert.Equal(12, answer.Summary?.Achieved);
        Assert.Contains(answer.Citations, c => c.DocumentId == "akita-2025");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task ServerError_FallsBackToTheOfflineAnswer(int status)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        for (var i = 0; i < 10; i++) server.Status(status);
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("c3", "返納金債権とは？", default);

        Assert.Equal(Intent.Glossary, answer.Intent);
        Assert.StartsWith("返納金債権（", answer.Text);
        Assert.False(answer.ByModel);
    }

    [Fact]
    public async Task OneServerError_IsRetriedByTheResilienceHandler()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Status(503).Message("資料には記載がありません。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("c-retry", "今日の天気は？", default);

        Assert.True(answer.ByModel);
        Assert.Equal("資料には記載がありません。", answer.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Timeout_FallsBackToTheOfflineAnswer()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        for (var i = 0; i < 5; i++) server.Delay(TimeSpan.FromSeconds(30));
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server, timeoutSeconds: 1));

        var answer = await harness.Assistant.AskAsync("c4", "返納金債権とは？", default);

        Assert.StartsWith("返納金債権（", answer.Text);
        Assert.False(answer.ByModel);
    }

    [Fact]
    public async Task MalformedToolCall_FallsBackOrRecovers_WithoutInventingAnything()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.RawToolCall("Kpi-evaluate_scope", "{not json").RawToolCall("No-such_function", "{}");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("c5", "秋田支部の令和5年度のKPIの達成状況は？", default);

        // The script then runs out (500): the offline answer stands, with the engine's numbers.
        Assert.StartsWith("秋田支部の令和5年度（2023年度）の KPI 19件の達成状況は、達成 12、", answer.Text);
        Assert.Equal(19, answer.KpiEvaluations.Count);
        Assert.False(answer.ByModel);
    }
}
