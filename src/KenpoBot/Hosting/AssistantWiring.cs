using KenpoBot.Assistant;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Llm;
using KenpoBot.Bot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KenpoBot.Hosting;

/// <summary>Registers the assistant behind the bot and the ask/chat verbs.</summary>
public static class AssistantWiring
{
    public const string RedisConnectionName = "Redis";

    /// <summary>Both halves in one provider: the command-line verbs.</summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        AddShared(services, configuration);
        return AddAssistant(services, configuration);
    }

    /// <summary>
    /// What outlives a corpus reload, registered once on the root: conversation memory (in process or Redis) and its reset.
    /// </summary>
    public static IServiceCollection AddShared(IServiceCollection services, IConfiguration configuration)
    {
        var options = Kenpo(configuration);
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        LlmOptionsValidator.ThrowIfInvalid(llm);
        services.AddKenpoLlmHttpClient(llm); // the model's HttpClient lives on the root; each generation resolves IHttpClientFactory
        if (configuration.GetConnectionString(RedisConnectionName) is { Length: > 0 } redis)
            AddRedisConversations(services, redis, options);
        else
            services.AddSingleton<IConversationStore>(sp => new ConversationStore(
                sp.GetRequiredService<TimeProvider>(), options.ConversationTurns, TimeSpan.FromMinutes(options.ConversationMinutes)));
        services.AddSingleton<IConversationReset, StoreReset>();
        return services;
    }

    /// <summary>The assistant over one loaded corpus: on the root for a verb, in each knowledge generation for `serve`.</summary>
    public static IServiceCollection AddAssistant(IServiceCollection services, IConfiguration configuration)
    {
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        var options = Kenpo(configuration);
        return services.AddKenpoAssistant(llm, options.ConversationTurns, options.ConversationMinutes);
    }

    private static KenpoOptions Kenpo(IConfiguration configuration) =>
        configuration.GetSection(KenpoOptions.Section).Get<KenpoOptions>() ?? new KenpoOptions();

    /// <summary>
    /// Conversation memory in Redis, shared by every instance. The connection is made when first needed and retried in the
    /// background for as long as Redis is away; a connection string that cannot be read stops the start.
    /// </summary>
    private static void AddRedisConversations(IServiceCollection services, string connectionString, KenpoOptions options)
    {
        ConfigurationOptions redis;
        try
        {
            redis = RedisConversationStore.Options(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(RedisConnectionName, typeof(ConfigurationOptions),
                [$"ConnectionStrings:{RedisConnectionName} を読み取れません（{ex.Message}）。例: localhost:6379"]);
        }
        // Its own warnings stay out of the log: the store logs one, rate-limited, for as long as Redis is away.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddSingleton<IConversationStore>(sp => new RedisConversationStore(
            sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ILogger<RedisConversationStore>>(),
            sp.GetRequiredService<TimeProvider>(), options.ConversationTurns, TimeSpan.FromMinutes(options.ConversationMinutes)));
    }

    private sealed class StoreReset(IConversationStore conversations) : IConversationReset
    {
        public Task ResetAsync(string conversationId, CancellationToken cancellationToken) => conversations.ResetAsync(conversationId, cancellationToken);
    }
}
