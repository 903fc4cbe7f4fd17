using KenpoBot.Assistant;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Corpus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Hosting.Reload;

/// <summary>
/// Loads the corpus and builds a <see cref="KnowledgeGeneration"/>: a child provider with the same registrations a
/// command-line verb gets (<see cref="KnowledgeServices"/>, <see cref="AssistantWiring.AddAssistant"/>), into which the
/// root's shared singletons are forwarded as instances (so the child never disposes them): the clock, logging,
/// configuration, options, conversation memory (it survives a reload) and the HttpClient factory (the LLM's named client
/// is configured on the root).
/// </summary>
public sealed class KnowledgeGenerationBuilder(IServiceProvider root)
{
    public string CorpusPath { get; } = KnowledgeServices.CorpusPath(root);

    /// <summary>Throws <see cref="CorpusValidationException"/> listing every problem; a half-built generation is disposed.</summary>
    public KnowledgeGeneration Build()
    {
        var knowledge = CorpusLoader.Load(CorpusPath);
        var services = new ServiceCollection();
        Forward<TimeProvider>(services);
        Forward<ILoggerFactory>(services);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Forward<IConfiguration>(services);
        Forward<IHostEnvironment>(services);
        services.AddOptions();
        Forward<IOptions<KenpoOptions>>(services);
        Forward<IConversationStore>(services);
        Forward<IHttpClientFactory>(services);
        services.AddKnowledge(knowledge);
        AssistantWiring.AddAssistant(services, root.GetRequiredService<IConfiguration>());

        var provider = services.BuildServiceProvider();
        try
        {
            return new KnowledgeGeneration(provider, root.GetRequiredService<TimeProvider>().GetUtcNow());
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private void Forward<T>(IServiceCollection services) where T : class => services.AddSingleton(root.GetRequiredService<T>());
}
