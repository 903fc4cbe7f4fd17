using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Llm;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Assistant;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>Registers the plugins, the Kernel, both planners and the assistant. Expects KnowledgeBase, KnowledgeSearcher, KpiEvaluator and TimeProvider.</summary>
    public static IServiceCollection AddKenpoAssistant(this IServiceCollection services, LlmOptions llm, int conversationTurns = 10, int conversationMinutes = 60)
    {
        services.AddSingleton<KnowledgePlugin>();
        services.AddSingleton<GlossaryPlugin>();
        services.AddSingleton<KpiPlugin>();
        services.AddSingleton(sp => KernelFactory.Create(sp.GetRequiredService<KnowledgePlugin>(), sp.GetRequiredService<GlossaryPlugin>(), sp.GetRequiredService<KpiPlugin>()));
        services.AddSingleton<QuestionParser>();
        services.AddSingleton<OfflinePlanner>();
        services.AddSingleton(sp => new ConversationStore(sp.GetRequiredService<TimeProvider>(), conversationTurns, TimeSpan.FromMinutes(conversationMinutes)));
        services.AddSingleton(sp => new KenpoAssistant(
            sp.GetRequiredService<OfflinePlanner>(),
            sp.GetRequiredService<ConversationStore>(),
            sp.GetRequiredService<ILogger<KenpoAssistant>>(),
            llm.Enabled ? new LlmPlanner(sp.GetRequiredService<Microsoft.SemanticKernel.Kernel>(), llm, sp.GetRequiredService<ILogger<LlmPlanner>>()) : null));
        services.AddSingleton<IAssistant>(sp => sp.GetRequiredService<KenpoAssistant>());
        return services;
    }
}
