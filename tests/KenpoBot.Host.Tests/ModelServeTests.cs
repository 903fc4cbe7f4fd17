using KenpoBot.Tests.Shared;

namespace KenpoBot.Host.Tests;

/// <summary>
/// `serve` with a model: the named HttpClient registered on the root reaches the assistant of the knowledge generation,
/// and the model's answer, grounded in its own tool call, comes back through the bot.
/// </summary>
[Collection("host process")]
public sealed class ModelServeTests
{
    [Fact]
    public async Task Serve_AnswersThroughTheModel_WithTheKeyFromTheVariable()
    {
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.ToolCall("Kpi-evaluate_scope", new { scope = "秋田", fiscalYear = 2023 })
            .Message("秋田支部の令和5年度（2023年度）のKPIは19件で、達成は12件です。");
        await using var bot = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["Llm__Endpoint"] = model.BaseUrl,
            ["Llm__Model"] = "scripted-model",
            ["KENPOBOT_LLM_API_KEY"] = "host-key",
        });

        var (status, body) = await bot.AskAsync("model-1", "秋田支部の令和5年度のKPIの達成状況は？");

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains("達成は12件です", body);
        // Answer.ByModel reached the bot: Teams' AI label is on the reply.
        Assert.Contains("AIGeneratedContent", body);
        Assert.Equal(2, model.Received.Count);
        Assert.All(model.Received, r => Assert.Equal("Bearer host-key", r.Authorization));
        // The tool's result went back to the model: 秋田's FY2023 result 19.7% (tohoku-2023.results.tsv).
        Assert.Contains("19.7", model.Requests[1].ToJsonString());
    }
}
