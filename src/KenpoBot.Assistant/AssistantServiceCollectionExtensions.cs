using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Assistant.Llm;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Assistant;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>
    /// Registers the plugins, the Kernel, both planners and the assistant. Expects KnowledgeBase, KnowledgeSearcher, KpiEvaluator
    /// and TimeProvider. Conversation memory is in process unless an <see cref="IConversationStore"/> is registered first.
    /// </summary>
    public static IServiceCollection AddKenpoAssistant(this IServiceCollection services, LlmOptions llm, int conversationTurns = 10, int conversationMinutes = 60)
    {
        services.AddSingleton<KnowledgePlugin>();
        services.AddSingleton<GlossaryPlugin>();
        services.AddSingleton<KpiPlugin>();
        services.AddSingleton<KpiDataPlugin>();
        services.AddSingleton(sp => KernelFactory.Create(sp.GetRequiredService<KnowledgePlugin>(), sp.GetRequiredService<GlossaryPlugin>(),
            sp.GetRequiredService<KpiPlugin>(), sp.GetRequiredService<KpiDataPlugin>()));
        services.AddSingleton<MetricResolver>();
        services.AddSingleton<TermFinder>();
        services.AddSingleton<ContentWords>();
        services.AddSingleton<QuestionReader>();
        services.AddSingleton<AnswerComposer>();
        services.AddSingleton<KpiQueries>();
        services.AddSingleton<SentencePicker>();
        services.AddSingleton<DocumentHandler>();
        services.AddSingleton<IIntentHandler>(sp => sp.GetRequiredService<DocumentHandler>());
        services.AddSingleton<IIntentHandler, GlossaryHandler>();
        services.AddSingleton<IIntentHandler, KpiTargetHandler>();
        services.AddSingleton<IIntentHandler, KpiValueHandler>();
        services.AddSingleton<IIntentHandler, KpiStatusHandler>();
        services.AddSingleton<IIntentHandler, CountHandler>();
        services.AddSingleton<IIntentHandler, StatusFilterHandler>();
        services.AddSingleton<IIntentHandler, RankingHandler>();
        services.AddSingleton<IIntentHandler, ChangeHandler>();
        services.AddSingleton<IIntentHandler, ComparisonHandler>();
        services.AddSingleton<IIntentHandler, GapHandler>();
        services.AddSingleton<IIntentHandler, WhatIfHandler>();
        services.AddSingleton<IIntentHandler, WhyHandler>();
        services.AddSingleton<IIntentHandler, CurrentPlanHandler>();
        services.AddSingleton<OfflinePlanner>();
        services.TryAddSingleton<IConversationStore>(sp =>
            new ConversationStore(sp.GetRequiredService<TimeProvider>(), conversationTurns, TimeSpan.FromMinutes(conversationMinutes)));
        services.AddSingleton(sp => new KenpoAssistant(
            sp.GetRequiredService<OfflinePlanner>(),
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<ILogger<KenpoAssistant>>(),
            llm.Enabled ? new LlmPlanner(sp.GetRequiredService<Microsoft.SemanticKernel.Kernel>(), llm, sp.GetRequiredService<ILogger<LlmPlanner>>()) : null));
        services.AddSingleton<IAssistant>(sp => sp.GetRequiredService<KenpoAssistant>());
        return services;
    }
}
