using KenpoBot.Bot.Auth;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Feedback;
using KenpoBot.Bot.Protocol;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace KenpoBot.Bot;

/// <summary>Registers the bot front end: options, authentication, the connector client, cards and the turn pipeline.</summary>
public static class BotServiceCollectionExtensions
{
    public const string OpenIdMetadataClient = "KenpoBot.OpenIdMetadata";

    /// <summary>Adds the bot front end. The host registers <see cref="KenpoBot.Assistant.IAssistant"/> (and, optionally, <see cref="IConversationReset"/>).</summary>
    public static IHostApplicationBuilder AddKenpoBotFrontEnd(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKenpoBotFrontEnd(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddKenpoBotFrontEnd(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The well-known Azure Bot names live at the root of the configuration.
        services.AddOptions<BotAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        services.AddOptions<BotSecurityOptions>().Bind(configuration.GetSection(BotSecurityOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotSecurityOptions>, BotSecurityOptionsValidator>());
        services.AddOptions<BotFrontEndOptions>().Bind(configuration.GetSection(BotFrontEndOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrustedServiceUrls>();
        services.TryAddSingleton<ConnectorPipelineKeys>();
        services.TryAddSingleton<IBotAuthenticator, BotAuthenticator>();
        services.TryAddSingleton<TenantPolicy>();
        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.AddHttpClient(OpenIdMetadataClient, c => c.Timeout = TimeSpan.FromSeconds(30));

        services.AddTransient<ConnectorAuthenticationHandler>();
        var connector = services.AddHttpClient<IConnectorClient, ConnectorClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect must not carry the connector token anywhere else.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        connector.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var o = provider.GetRequiredService<IOptions<BotFrontEndOptions>>().Value;
                resilience.Retry.MaxRetryAttempts = Math.Max(1, o.ConnectorRetries);
                resilience.Retry.ShouldHandle = o.ConnectorRetries == 0 ? _ => PredicateResult.False() : resilience.Retry.ShouldHandle;
                resilience.Retry.Delay = o.ConnectorRetryDelay;
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = true;
            })
            .SelectPipelineBy(provider =>
            {
                var keys = provider.GetRequiredService<ConnectorPipelineKeys>();
                return request => keys.For(request.RequestUri);
            });

        // Innermost, after the retries: each attempt gets a current token, checked against the trusted service URLs.
        connector.AddHttpMessageHandler<ConnectorAuthenticationHandler>();

        services.AddKenpoFeedback(configuration);
        services.TryAddSingleton<ReplyComposer>();
        services.TryAddSingleton<UserRateLimiter>();
        services.TryAddScoped<ActivityHandler>();
        services.TryAddSingleton<BotAdapter>();
        services.AddHostedService<BotStartupCheck>();
        // After the web defaults' AllowedHosts fallback, so the loopback list wins in unauthenticated mode.
        services.AddSingleton<IPostConfigureOptions<HostFilteringOptions>, LoopbackHostFiltering>();
        return services;
    }
}
