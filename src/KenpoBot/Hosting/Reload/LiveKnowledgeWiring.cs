using KenpoBot.Assistant;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Hosting.Reload;

/// <summary>`serve`'s knowledge: one generation at a time behind <see cref="LiveAssistant"/>, reloaded when corpus/ changes.</summary>
public static class LiveKnowledgeWiring
{
    public static IServiceCollection AddLiveKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        AssistantWiring.AddShared(services, configuration);
        services.AddSingleton<LiveKnowledge>();
        services.AddSingleton(sp => new KnowledgeGenerationBuilder(sp));
        services.AddSingleton<CorpusReloader>();
        services.AddSingleton<IAssistant, LiveAssistant>();
        services.AddHostedService<CorpusWatcher>();
        return services;
    }

    /// <summary>Loads the first generation before the server takes traffic: a broken corpus or a missing MeCab stops the start.</summary>
    public static void LoadFirstGeneration(IServiceProvider services) =>
        services.GetRequiredService<LiveKnowledge>().Swap(services.GetRequiredService<KnowledgeGenerationBuilder>().Build());

    /// <summary>GET /healthz: 200 with the generation serving and the last refused reload, 503 before anything is loaded.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (LiveKnowledge live) => live.Current is { } generation
            ? Results.Ok(new
            {
                status = "ok",
                generation = generation.Status.Generation,
                corpus = generation.Status.CorpusHash[..12],
                entries = generation.Status.EntryCount,
                loadedAt = generation.LoadedAt,
                loads = live.Loads,
                lastReloadError = live.LastFailure is { } failure
                    ? new { at = failure.At, errors = failure.Errors.Take(20).Select(e => e.ToString()).ToList(), count = failure.Errors.Count }
                    : null,
            })
            : Results.Problem("索引が読み込まれていません。", statusCode: 503));
        return endpoints;
    }
}
