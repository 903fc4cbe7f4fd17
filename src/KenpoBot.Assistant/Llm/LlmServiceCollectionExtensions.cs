using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace KenpoBot.Assistant.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>The named HttpClient of the chat service.</summary>
    public const string HttpClientName = "KenpoBot.Llm";

    /// <summary>
    /// The chat service's HttpClient with the standard resilience handler (retries, circuit breaker, time-outs sized to
    /// <see cref="LlmOptions.TimeoutSeconds"/>). Call it on the host's root collection; the assistant only resolves
    /// IHttpClientFactory. Does nothing when no model is configured.
    /// </summary>
    public static IServiceCollection AddKenpoLlmHttpClient(this IServiceCollection services, LlmOptions llm)
    {
        if (!llm.Enabled) return services;
        var timeout = TimeSpan.FromSeconds(llm.TimeoutSeconds);
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                // One turn may wait for a long completion; the planner's own time-out bounds the whole turn.
                o.AttemptTimeout.Timeout = timeout;
                o.TotalRequestTimeout.Timeout = timeout;
                o.CircuitBreaker.SamplingDuration = timeout * 2;
            });
        return services;
    }

    /// <summary>
    /// The chat completion service of <paramref name="llm"/>'s provider, transient so that each turn takes a fresh client
    /// from IHttpClientFactory. Azure without a key authenticates with Entra ID (a <see cref="TokenCredential"/> registered
    /// first wins, for tests).
    /// </summary>
    internal static IServiceCollection AddKenpoChatCompletion(this IServiceCollection services, LlmOptions llm)
    {
        if (!llm.Enabled) return services;
        var key = llm.ResolveApiKey();
        if (llm.ProviderKind == LlmProvider.AzureOpenAI && key is null)
        {
            services.TryAddSingleton<TokenCredential>(_ => llm.ManagedIdentityClientId.Length > 0
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(llm.ManagedIdentityClientId))
                : new DefaultAzureCredential());
        }
        services.AddTransient<IChatCompletionService>(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var loggers = sp.GetService<ILoggerFactory>();
            var model = llm.Model.Length > 0 ? llm.Model : null;
            var version = llm.ApiVersion.Length > 0 ? llm.ApiVersion : null;
            return llm.ProviderKind switch
            {
                LlmProvider.AzureOpenAI when key is not null =>
                    new AzureOpenAIChatCompletionService(llm.Deployment, llm.Endpoint, key, model, http, loggers, version),
                LlmProvider.AzureOpenAI =>
                    new AzureOpenAIChatCompletionService(llm.Deployment, llm.Endpoint, sp.GetRequiredService<TokenCredential>(), model, http, loggers, version),
                // Ollama and vLLM take any key; the connector needs one. (A custom endpoint is "experimental" in SK's terms.)
#pragma warning disable SKEXP0010
                _ => new OpenAIChatCompletionService(llm.Model, new Uri(llm.Endpoint), key ?? "none", httpClient: http, loggerFactory: loggers),
#pragma warning restore SKEXP0010
            };
        });
        return services;
    }
}
