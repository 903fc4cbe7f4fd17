using KenpoBot.Assistant.Telemetry;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using KenpoBot.Search.Analysis;
using KenpoBot.Search.Analysis.MeCab;
using KenpoBot.Search.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Hosting;

/// <summary>Every service registration of the host, shared by the bot server and the command-line verbs.</summary>
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
        builder.Services.AddSingleton(sp => LoadCorpus(sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<IOptions<KenpoOptions>>().Value));
        builder.Services.AddSingleton(sp => new KpiEvaluator(sp.GetRequiredService<KnowledgeBase>()));
        builder.Services.AddSingleton(sp => OpenIndex(sp));
        builder.Services.AddSingleton(sp => new KnowledgeSearcher(
            sp.GetRequiredService<KnowledgeIndex>(), new JapaneseAnalyzer(), new CjkBigramAnalyzer(),
            new QueryExpander(sp.GetRequiredService<KnowledgeBase>().Glossary)));
        return builder;
    }

    /// <summary>Fails with one clear Japanese message when MeCab or its dictionary is missing.</summary>
    public static void CheckMeCab() => _ = MeCabParser.Shared.Parse("確認");

    private static KnowledgeBase LoadCorpus(IHostEnvironment environment, KenpoOptions options) =>
        CorpusLoader.Load(ContentRoot.Resolve(environment.ContentRootPath, options.CorpusPath));

    private static KnowledgeIndex OpenIndex(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var options = services.GetRequiredService<IOptions<KenpoOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("KenpoBot.Index");
        CheckMeCab();
        var index = new KnowledgeIndex(ContentRoot.Resolve(environment.ContentRootPath, options.IndexPath), IndexAnalyzers.Create());
        var knowledge = services.GetRequiredService<KnowledgeBase>();
        var before = index.Status;
        var status = index.EnsureCurrent(knowledge);
        if (before?.Generation != status.Generation)
            logger.LogInformation("Index built: {Generation}, {Entries} entries", status.Generation, status.EntryCount);
        KenpoTelemetry.ObserveIndex(index);
        return index;
    }
}
