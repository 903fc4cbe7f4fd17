using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Hosting;

/// <summary>Registers the assistant behind the bot and the ask/chat verbs.</summary>
public static class AssistantWiring
{
    public static IServiceCollection Add(IServiceCollection services) => services;
}
