using KenpoBot.Assistant;
using KenpoBot.Assistant.Llm;
using KenpoBot.Bot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Hosting;

/// <summary>Registers the assistant behind the bot and the ask/chat verbs.</summary>
public static class AssistantWiring
{
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        var options = configuration.GetSection(KenpoOptions.Section).Get<KenpoOptions>() ?? new KenpoOptions();
        services.AddKenpoAssistant(llm, options.ConversationTurns, options.ConversationMinutes);
        services.AddSingleton<IConversationReset, AssistantReset>();
        return services;
    }

    private sealed class AssistantReset(KenpoAssistant assistant) : IConversationReset
    {
        public Task ResetAsync(string conversationId, CancellationToken cancellationToken) => assistant.ResetAsync(conversationId, cancellationToken);
    }
}
