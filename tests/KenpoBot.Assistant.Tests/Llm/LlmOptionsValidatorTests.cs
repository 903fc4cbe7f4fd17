using KenpoBot.Assistant.Llm;
using Microsoft.Extensions.Options;

namespace KenpoBot.Assistant.Tests.Llm;

public sealed class LlmOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(LlmOptions options) =>
        new LlmOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void NoModel_IsValid() => Assert.Empty(Failures(new LlmOptions()));

    [Fact]
    public void OpenAi_WithEndpointAndModel_IsValid() =>
        Assert.Empty(Failures(new LlmOptions { Endpoint = "http://localhost:11434/v1", Model = "llama3" }));

    [Fact]
    public void AzureWithoutADeployment_NamesTheKey()
    {
        var failure = Assert.Single(Failures(new LlmOptions { Provider = "AzureOpenAI", Endpoint = "https://kenpo.openai.azure.com/" }));
        Assert.StartsWith("Llm:Deployment を設定してください", failure);
    }

    [Fact]
    public void OpenAiWithoutAModel_NamesTheKey() =>
        Assert.StartsWith("Llm:Model を設定してください", Assert.Single(Failures(new LlmOptions { Endpoint = "https://api.openai.com/v1" })));

    [Fact]
    public void AModelWithoutAnEndpoint_NamesTheEndpoint() =>
        Assert.StartsWith("Llm:Endpoint を設定してください", Assert.Single(Failures(new LlmOptions { Model = "gpt-4o" })));

    [Theory]
    [InlineData("Anthropic")]
    [InlineData("1")]
    public void AnUnknownProvider_IsRefused(string provider) =>
        Assert.Contains("Llm:Provider", Assert.Single(Failures(new LlmOptions { Provider = provider, Endpoint = "https://x.example/" })));

    [Fact]
    public void AnApiVersionTheConnectorDoesNotSpeak_IsRefused()
    {
        var options = new LlmOptions { Provider = "azureopenai", Endpoint = "https://kenpo.openai.azure.com/", Deployment = "gpt", ApiVersion = "2019-01-01" };
        Assert.StartsWith("Llm:ApiVersion「2019-01-01」", Assert.Single(Failures(options)));
        Assert.Empty(Failures(new LlmOptions { Provider = "AzureOpenAI", Endpoint = "https://kenpo.openai.azure.com/", Deployment = "gpt", ApiVersion = "2024-10-21" }));
    }

    [Fact]
    public void ThrowIfInvalid_ThrowsEveryFailure()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => LlmOptionsValidator.ThrowIfInvalid(
            new LlmOptions { Provider = "AzureOpenAI", Endpoint = "not a url", TimeoutSeconds = 0 }));
        Assert.Equal(3, ex.Failures.Count());
    }
}
