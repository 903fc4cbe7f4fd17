namespace KenpoBot.Assistant.Llm;

/// <summary>Which service answers: any OpenAI-compatible endpoint, or an Azure OpenAI resource.</summary>
public enum LlmProvider
{
    /// <summary>OpenAI, Azure OpenAI v1, Ollama, vLLM: <c>{Endpoint}/chat/completions</c> with a bearer key.</summary>
    OpenAI,

    /// <summary>Azure OpenAI: <c>{Endpoint}/openai/deployments/{Deployment}/chat/completions?api-version=…</c>, with a key or Entra ID.</summary>
    AzureOpenAI,
}

/// <summary>The "Llm" section. An empty endpoint = offline only.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>OpenAI or AzureOpenAI (a string, so that a wrong value gets a Japanese message rather than a binder error).</summary>
    public string Provider { get; set; } = nameof(LlmProvider.OpenAI);

    /// <summary>The provider named, or null when <see cref="Provider"/> names none.</summary>
    public LlmProvider? ProviderKind =>
        Enum.TryParse<LlmProvider>(Provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsAsciiDigit(Provider.TrimStart().FirstOrDefault()) ? kind : null;

    public string Endpoint { get; set; } = "";

    /// <summary>The model name (OpenAI); for Azure the deployment's model, optional.</summary>
    public string Model { get; set; } = "";

    /// <summary>The Azure OpenAI deployment name.</summary>
    public string Deployment { get; set; } = "";

    /// <summary>The Azure OpenAI REST API version (2024-10-21…); empty = the client library's default.</summary>
    public string ApiVersion { get; set; } = "";

    /// <summary>The environment variable that holds the API key. The key itself never sits in appsettings.json.</summary>
    public string ApiKeyVariable { get; set; } = "KENPOBOT_LLM_API_KEY";

    /// <summary>The key from user-secrets (Llm:ApiKey), used when the environment variable is empty.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure without a key: the client id of a user-assigned managed identity; empty = DefaultAzureCredential.</summary>
    public string ManagedIdentityClientId { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => Endpoint.Length > 0;

    public string? ResolveApiKey() =>
        ApiKeyVariable is { Length: > 0 } && Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : ApiKey is { Length: > 0 } ? ApiKey : null;
}
