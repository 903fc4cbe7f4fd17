using Azure.Core;
using KenpoBot.Assistant.Llm;
using KenpoBot.Tests.Shared;

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>The Azure OpenAI provider against the scripted server: Azure's URL shape, with a key or with an Entra ID token.</summary>
[Collection(AssistantCollection.Name)]
public sealed class AzureOpenAiTests(AssistantFixture fixture)
{
    private static LlmOptions Azure(ScriptedOpenAiServer server, string keyVariable) => new()
    {
        Provider = "AzureOpenAI",
        Endpoint = server.Root,
        Deployment = "kenpo-gpt",
        ApiVersion = "2024-10-21",
        ApiKeyVariable = keyVariable,
        TimeoutSeconds = 10,
    };

    [Fact]
    public async Task WithAKey_FromTheVariableNamed_SendsItAsApiKey()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Glossary-lookup_term", new { term = "返納金債権" }).Message("返納金債権は、資格喪失後の受診で協会けんぽが給付した分を請求するものです。");
        var variable = "KENPOBOT_TEST_AZURE_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "azure-secret");
        try
        {
            using var harness = new ModelHarness(fixture, Azure(server, variable));

            var answer = await harness.Assistant.AskAsync("a1", "返納金債権とは？", default);

            Assert.True(answer.ByModel);
            Assert.Equal(2, server.Received.Count);
            Assert.All(server.Received, r =>
            {
                Assert.Equal("/openai/deployments/kenpo-gpt/chat/completions", r.Path);
                Assert.Equal("?api-version=2024-10-21", r.Query);
                Assert.Equal("azure-secret", r.ApiKey);
                Assert.Null(r.Authorization);
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task WithoutAKey_AuthenticatesWithEntraId()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Message("資料には記載がありません。");
        var credential = new FakeCredential();
        using var harness = new ModelHarness(fixture, Azure(server, "KENPOBOT_TEST_UNSET_" + Guid.NewGuid().ToString("N")), credential);

        var answer = await harness.Assistant.AskAsync("a2", "今日の天気は？", default);

        Assert.True(answer.ByModel);
        var request = Assert.Single(server.Received);
        Assert.Equal("/openai/deployments/kenpo-gpt/chat/completions", request.Path);
        Assert.Equal("Bearer entra-token", request.Authorization);
        Assert.Null(request.ApiKey);
        Assert.Contains("https://cognitiveservices.azure.com/.default", credential.Scopes);
    }

    /// <summary>A token credential that hands out one fixed token and remembers the scopes asked for.</summary>
    private sealed class FakeCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("entra-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
