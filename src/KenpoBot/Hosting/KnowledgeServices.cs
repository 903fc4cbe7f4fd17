using KenpoBot.Assistant.Telemetry;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using KenpoBot.Search.Analysis;
using KenpoBot.Search.Index;
using Lucene.Net.Analysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Hosting;

/// <summary>The services built from one loaded corpus: the knowledge base, the KPI rules, the search index and its searcher.</summary>
public static class KnowledgeServices
{
    /// <summary>For a command-line verb: the corpus is loaded when first needed and the index it opens is the one observed.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(sp => CorpusLoader.Load(CorpusPath(sp)));
        services.AddSingleton(sp =>
        {
            var index = OpenIndex(sp);
            KenpoTelemetry.ObserveIndex(index);
            return index;
        });
        return AddBuiltFromKnowledge(services);
    }

    /// <summary>For one knowledge generation: the corpus is already loaded; the index is observed when the generation serves.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, KnowledgeBase knowledge)
    {
        services.AddSingleton(knowledge);
        services.AddSingleton(OpenIndex);
        return AddBuiltFromKnowledge(services);
    }

    public static string CorpusPath(IServiceProvider services) =>
        ContentRoot.Resolve(services.GetRequiredService<IHostEnvironment>().ContentRootPath, services.GetRequiredService<IOptions<KenpoOptions>>().Value.CorpusPath);

    public static string IndexPath(IServiceProvider services) =>
        ContentRoot.Resolve(services.GetRequiredService<IHostEnvironment>().ContentRootPath, services.GetRequiredService<IOptions<KenpoOptions>>().Value.IndexPath);

    private static IServiceCollection AddBuiltFromKnowledge(IServiceCollection services)
    {
        services.AddSingleton(sp => new KpiEvaluator(sp.GetRequiredService<KnowledgeBase>()));
        services.AddSingleton(sp => new KnowledgeSearcher(
            sp.GetRequiredService<KnowledgeIndex>(), new JapaneseAnalyzer(), new CjkBigramAnalyzer(),
            new QueryExpander(sp.GetRequiredService<KnowledgeBase>().Glossary)));
        return services;
    }

    /// <summary>Opens the index and builds a new generation of it when the corpus hash changed.</summary>
    private static KnowledgeIndex OpenIndex(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("KenpoBot.Index");
        KenpoServices.CheckMeCab();
        var index = new KnowledgeIndex(IndexPath(services), IndexAnalyzers.Create());
        try
        {
            var before = index.Status;
            var status = index.EnsureCurrent(services.GetRequiredService<KnowledgeBase>());
            if (before?.Generation != status.Generation)
                logger.LogInformation("Index built: {Generation}, {Entries} entries", status.Generation, status.EntryCount);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}
