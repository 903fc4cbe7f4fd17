using System.CommandLine;
using KenpoBot.Corpus;
using KenpoBot.Hosting;
using KenpoBot.Search.Index;
using Microsoft.Extensions.Options;

namespace KenpoBot.Cli;

/// <summary>`index`: (re)builds the on-disk index from corpus/, showing progress, and swaps it in atomically.</summary>
public static class IndexCommand
{
    public static Command Create()
    {
        var command = new Command("index", "コーパスから検索索引を作り直します（失敗しても前の索引は残ります）");
        command.SetAction((_, _) => KenpoCli.Run(() =>
        {
            using var host = KenpoCli.CreateHost();
            var options = host.Get<IOptions<KenpoOptions>>().Value;
            var root = ContentRoot.Find();
            var knowledge = host.Get<KnowledgeBase>();
            KenpoServices.CheckMeCab();
            using var index = new KnowledgeIndex(ContentRoot.Resolve(root, options.IndexPath), IndexAnalyzers.Create());
            var started = System.Diagnostics.Stopwatch.StartNew();
            var status = index.Rebuild(knowledge, new Progress<IndexProgress>(p => Console.Error.Write($"\r索引を作成中… {p.Done}/{p.Total}")));
            Console.Error.WriteLine();
            Console.WriteLine($"索引を作成しました: {status.EntryCount} 件、{started.Elapsed.TotalSeconds:0.0} 秒（{status.Generation}）");
            return Task.FromResult(0);
        }));
        return command;
    }
}
