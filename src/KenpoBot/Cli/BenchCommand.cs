using System.CommandLine;
using System.Diagnostics;
using KenpoBot.Corpus;
using KenpoBot.Hosting;
using KenpoBot.Search.Analysis;
using KenpoBot.Search.Analysis.MeCab;
using KenpoBot.Search.Index;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Cli;

/// <summary>
/// `bench`: side-by-side figures in one run: analyzer throughput against the raw mecab command, index build time for the corpus
/// and a synthetic corpus N times larger, and in-process query latency on both. Figures go to BENCHMARKS.md by hand.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<string>("file") { Description = "質問ファイル（../shared/eval/questions.dev.tsv）" };
        var scaleOption = new Option<int>("--scale") { Description = "合成コーパスの倍率", DefaultValueFactory = _ => 100 };
        var command = new Command("bench", "解析・索引作成・検索の速度を測ります") { fileArgument, scaleOption };
        command.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var file = parse.GetValue(fileArgument)!;
            if (!File.Exists(file) && !Path.IsPathRooted(file)) file = Path.Combine(ContentRoot.Find(), file);
            var questions = DevQuestions.Read(file).Select(q => q.Question).ToList();
            var scale = Math.Clamp(parse.GetValue(scaleOption), 1, 1000);
            using var host = KenpoCli.CreateHost();
            var knowledge = host.Get<KnowledgeBase>();
            var entries = CorpusEntries.From(knowledge).ToList();
            var text = string.Join("\n", entries.Select(e => e.Text));
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, corpus text {text.Length:#,0} chars, {entries.Count} entries");

            // 1. Analyzer throughput vs the mecab command on the same text (3 rounds each, best kept).
            var tmp = Path.GetTempFileName();
            File.WriteAllText(tmp, text);
            var ours = Best(3, () => CountTokens(new JapaneseAnalyzer(), text));
            var raw = Best(3, () => RunMeCab(tmp));
            var tokenizerOnly = Best(3, () => MeCabParser.Shared.Parse(text).Count);
            Console.WriteLine($"analyzer (full chain): {text.Length / ours.TotalSeconds / 1e6:0.00} M chars/s ({ours.TotalMilliseconds:0} ms)");
            Console.WriteLine($"MeCabParser (P/Invoke): {text.Length / tokenizerOnly.TotalSeconds / 1e6:0.00} M chars/s ({tokenizerOnly.TotalMilliseconds:0} ms)");
            Console.WriteLine($"mecab command:          {text.Length / raw.TotalSeconds / 1e6:0.00} M chars/s ({raw.TotalMilliseconds:0} ms, incl. process start)");
            Console.WriteLine($"ratio analyzer / mecab: {raw.TotalSeconds / ours.TotalSeconds:0.00}; P/Invoke parser / mecab: {raw.TotalSeconds / tokenizerOnly.TotalSeconds:0.00}");

            // 2. Index build, corpus and synthetic ×scale; 3. query latency on each.
            foreach (var (label, set) in new[] { ("corpus", entries), ($"synthetic ×{scale}", Synthetic(entries, scale)) })
            {
                var dir = Path.Combine(Path.GetTempPath(), "kenpobot-bench-" + Guid.NewGuid().ToString("N"));
                using var index = new KnowledgeIndex(dir, IndexAnalyzers.Create());
                var build = Stopwatch.StartNew();
                index.Rebuild(set, "bench");
                build.Stop();
                var searcher = new KnowledgeSearcher(index, new JapaneseAnalyzer(), new CjkBigramAnalyzer(), new QueryExpander(knowledge.Glossary));
                foreach (var q in questions) searcher.Search(q); // warm-up
                var times = new List<double>();
                for (var round = 0; round < 5; round++)
                {
                    foreach (var q in questions)
                    {
                        var w = Stopwatch.StartNew();
                        searcher.Search(q);
                        times.Add(w.Elapsed.TotalMilliseconds);
                    }
                }
                times.Sort();
                Console.WriteLine($"{label}: {set.Count:#,0} entries, build {build.Elapsed.TotalSeconds:0.00} s ({set.Count / build.Elapsed.TotalSeconds:#,0} entries/s); query p50 {AskCommands.Percentile(times, 0.5):0.00} ms, p99 {AskCommands.Percentile(times, 0.99):0.00} ms");
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
            File.Delete(tmp);
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>47 branches over several years, made from the real entries: each copy renamed to a branch and a year.</summary>
    public static List<SearchEntry> Synthetic(IReadOnlyList<SearchEntry> entries, int scale)
    {
        var result = new List<SearchEntry>(entries.Count * scale);
        for (var i = 0; i < scale; i++)
        {
            var (branch, _) = Scope.Branches[i % Scope.Branches.Count];
            var year = 2019 + i / Scope.Branches.Count;
            foreach (var e in entries)
            {
                result.Add(e with
                {
                    Id = $"{e.Id}~{i}",
                    Scope = branch,
                    FiscalYears = new FiscalYearRange(year, year),
                    Text = e.Text.Replace("秋田", branch, StringComparison.Ordinal).Replace("協会全体", branch + "支部", StringComparison.Ordinal),
                });
            }
        }
        return result;
    }

    private static TimeSpan Best(int rounds, Func<int> work)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var w = Stopwatch.StartNew();
            work();
            if (w.Elapsed < best) best = w.Elapsed;
        }
        return best;
    }

    private static int CountTokens(JapaneseAnalyzer analyzer, string text)
    {
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var n = 0;
        while (stream.IncrementToken()) n++;
        stream.End();
        return n;
    }

    private static int RunMeCab(string path)
    {
        var start = new ProcessStartInfo("mecab") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var lines = 0;
        while (process.StandardOutput.ReadLine() is not null) lines++;
        process.WaitForExit();
        return lines;
    }
}
