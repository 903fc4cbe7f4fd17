using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Assistant.Llm;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>
    /// Registers the plugins, the Kernel, both planners and the assistant. Expects KnowledgeBase, KnowledgeSearcher, KpiEvaluator
    /// and TimeProvider; with a model configured, also IHttpClientFactory with the client of
    /// <see cref="LlmServiceCollectionExtensions.AddKenpoLlmHttpClient"/> (the host registers it on its root collection).
    /// Conversation memory is in process unless an <see cref="IConversationStore"/> is registered first.
    /// </summary>
    public static IServiceCollection AddKenpoAssistant(this IServiceCollection services, LlmOptions llm, int conversationTurns = 10, int conversationMinutes = 60)
    {
        AddKernelWithPlugins(services);
        services.AddKenpoChatCompletion(llm);
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
        services.AddSingleton<ModelAnswerComposer>();
        services.AddSingleton(sp => new KenpoAssistant(
            sp.GetRequiredService<OfflinePlanner>(),
            sp.GetRequiredService<IConversationStore>(),
            sp.GetRequiredService<ILogger<KenpoAssistant>>(),
            llm.Enabled ? new LlmPlanner(sp.GetRequiredService<Kernel>(), llm, sp.GetRequiredService<ILogger<LlmPlanner>>()) : null,
            sp.GetRequiredService<ModelAnswerComposer>()));
        services.AddSingleton<IAssistant>(sp => sp.GetRequiredService<KenpoAssistant>());
        return services;
    }

    /// <summary>
    /// The one Kernel (SK's AddKernel: a new Kernel per resolution over the same plugin collection) with the four plugins,
    /// registered once, and the tool-call tracing filter. The offline handlers and the model call the same functions.
    /// </summary>
    private static void AddKernelWithPlugins(IServiceCollection services)
    {
        services.AddSingleton<KnowledgePlugin>();
        services.AddSingleton<GlossaryPlugin>();
        services.AddSingleton<KpiPlugin>();
        services.AddSingleton<KpiDataPlugin>();
        var kernel = services.AddKernel();
        kernel.Services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<KnowledgePlugin>(), KnowledgePlugin.Name));
        kernel.Services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<GlossaryPlugin>(), GlossaryPlugin.Name));
        kernel.Services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<KpiPlugin>(), KpiPlugin.Name));
        kernel.Services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<KpiDataPlugin>(), KpiDataPlugin.Name));
        kernel.Services.AddSingleton<IFunctionInvocationFilter, ToolCallTracing>();
    }
}
