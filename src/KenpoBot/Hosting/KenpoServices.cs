using KenpoBot.Search.Analysis.MeCab;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KenpoBot.Hosting;

/// <summary>Settings and the services every host shares; the knowledge comes from <see cref="KnowledgeServices"/>.</summary>
public static class KenpoServices
{
    /// <summary>Settings: appsettings.json at the content root, then environment variables, then user secrets.</summary>
    public static T ConfigureKenpo<T>(this T builder) where T : IHostApplicationBuilder
    {
        builder.Configuration.AddUserSecrets(typeof(KenpoServices).Assembly, optional: true);
        builder.Services.AddOptions<KenpoOptions>()
            .Bind(builder.Configuration.GetSection(KenpoOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Fails with one clear Japanese message when MeCab or its dictionary is missing.</summary>
    public static void CheckMeCab() => _ = MeCabParser.Shared.Parse("確認");
}
