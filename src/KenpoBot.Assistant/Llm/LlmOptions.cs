namespace KenpoBot.Assistant.Llm;

/// <summary>The "Llm" section: an OpenAI-compatible endpoint (OpenAI, Azure OpenAI v1, Ollama, vLLM). Empty endpoint = offline only.</summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public string Endpoint { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>The environment variable that holds the API key. The key itself never sits in appsettings.json.</summary>
    public string ApiKeyVariable { get; set; } = "KENPOBOT_LLM_API_KEY";

    /// <summary>The key from user-secrets (Llm:ApiKey), used when the environment variable is empty.</summary>
    public string? ApiKey { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => Endpoint.Length > 0 && Model.Length > 0;

    public string? ResolveApiKey() =>
        Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : ApiKey;
}
