using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;

namespace KenpoBot.Assistant.Llm;

/// <summary>Checks the "Llm" section at start; each failure is one Japanese sentence naming the key to set.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> with every failure, so the host stops with them.</summary>
    public static void ThrowIfInvalid(LlmOptions options)
    {
        var failures = Failures(options).ToList();
        if (failures.Count > 0) throw new OptionsValidationException(LlmOptions.Section, typeof(LlmOptions), failures);
    }

    private static IEnumerable<string> Failures(LlmOptions o)
    {
        if (o.ProviderKind is not { } provider)
        {
            yield return $"Llm:Provider「{o.Provider}」は使えません。OpenAI または AzureOpenAI を指定してください。";
            yield break;
        }
        if (!o.Enabled)
        {
            // Offline: fine, unless the section was half filled in.
            if (o.Model.Length > 0 || o.Deployment.Length > 0)
                yield return "Llm:Endpoint を設定してください（Llm:Model または Llm:Deployment だけでは LLM を使えません。使わないときは両方を空に）。";
            yield break;
        }
        if (!Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            yield return $"Llm:Endpoint「{o.Endpoint}」は URL ではありません（例: https://example.openai.azure.com/）。";
        if (o.TimeoutSeconds is < 1 or > 600)
            yield return "Llm:TimeoutSeconds は 1 から 600 の間です。";
        if (provider == LlmProvider.OpenAI && o.Model.Length == 0)
            yield return "Llm:Model を設定してください（Llm:Provider が OpenAI のときに必要なモデル名）。";
        if (provider != LlmProvider.AzureOpenAI) yield break;
        if (o.Deployment.Length == 0)
            yield return "Llm:Deployment を設定してください（Llm:Provider が AzureOpenAI のときに必要なデプロイ名）。";
        else if (o.ApiVersion.Length > 0 && endpoint is not null && !ApiVersionSupported(o))
            yield return $"Llm:ApiVersion「{o.ApiVersion}」には対応していません（例: 2024-10-21。空にするとライブラリの既定）。";
    }

    /// <summary>The connector itself decides which API versions it speaks: it refuses the others when built.</summary>
    private static bool ApiVersionSupported(LlmOptions o)
    {
        try
        {
            _ = new AzureOpenAIChatCompletionService(o.Deployment, o.Endpoint, "validation", apiVersion: o.ApiVersion);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
