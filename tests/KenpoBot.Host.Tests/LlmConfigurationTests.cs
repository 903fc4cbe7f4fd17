namespace KenpoBot.Host.Tests;

/// <summary>The "Llm" section is checked at start: a half-configured model stops the host with the key to set.</summary>
[Collection("host process")]
public sealed class LlmConfigurationTests
{
    [Fact]
    public async Task AzureWithoutADeployment_StopsTheStart_NamingTheKey()
    {
        var environment = new Dictionary<string, string>
        {
            ["Llm__Provider"] = "AzureOpenAI",
            ["Llm__Endpoint"] = "https://kenpo.openai.azure.com/",
        };

        var result = await KenpoProcess.RunWithEnvironmentAsync(environment, null, "ask", "返納金債権とは？");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Llm:Deployment を設定してください", result.StdErr);
        Assert.Equal("", result.StdOut);
    }
}
