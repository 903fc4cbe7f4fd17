using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Feedback;

/// <summary>Registers the feedback file (KenpoBot:FeedbackPath, relative to the content root) and its writer.</summary>
public static class FeedbackServiceCollectionExtensions
{
    public static IServiceCollection AddKenpoFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section));
        services.TryAddSingleton(sp => new FeedbackDatabase(ResolvePath(
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<IOptions<FeedbackOptions>>().Value.FeedbackPath)));
        services.TryAddSingleton(sp => new FeedbackStore(
            sp.GetRequiredService<FeedbackDatabase>(), sp.GetRequiredService<IOptions<FeedbackOptions>>().Value, sp.GetRequiredService<ILogger<FeedbackStore>>()));
        return services;
    }

    /// <summary>The configured path against the content root (the default when empty); a path the system cannot take is kept as given.</summary>
    public static string ResolvePath(string contentRoot, string path)
    {
        var configured = string.IsNullOrWhiteSpace(path) ? new FeedbackOptions().FeedbackPath : path;
        try
        {
            return Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
        }
        catch (ArgumentException)
        {
            return configured;
        }
    }
}
