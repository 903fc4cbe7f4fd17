using System.CommandLine;
using System.Diagnostics;
using KenpoBot.Corpus;
using KenpoBot.Search.Analysis;
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
        var fileArgument = new Argument<string>("file")
        {
            Description = "検索の測定に使う質問ファイル（既定: ../shared/eval/questions.dev.tsv）",
            DefaultValueFactory = _ => "../shared/eval/questions.dev.tsv",
        };
        var scaleOption = new Option<int>("--scale") { Description = "合成コーパスの倍率", DefaultValueFactory = _ => 100 };
        var repeatOption = new Option<int>("--repeat") { Description = "解析速度の測定でコーパス本文を繰り返す回数", DefaultValueFactory = _ => 10 };
        var answersOption = new Option<int>("--answers") { Description = "回答 CPU の測定で答える質問の数（共有の質問・対話を繰り返す）", DefaultValueFactory = _ => 1000 };
        var roundsOption = new Option<int>("--rounds") { Description = "回答 CPU の測定を繰り返す回数（中央値を報告）", DefaultValueFactory = _ => 5 };
        var onlyOption = new Option<string?>("--only") { Description = "一部だけ測る: analysis, index, answers" };
        onlyOption.AcceptOnlyFromAmong("analysis", "index", "answers");
        var command = new Command("bench", "解析・索引作成・検索・回答の速度を測ります") { fileArgument, scaleOption, repeatOption, answersOption, roundsOption, onlyOption };
        command.SetAction((parse, cancellationToken) => KenpoCli.Run(async () =>
        {
            var file = parse.GetValue(fileArgument)!;
            var questions = EvalSet.Read(file).Items.Select(q => q.Question).ToList();
            var scale = Math.Clamp(parse.GetValue(scaleOption), 1, 1000);
            var only = parse.GetValue(onlyOption);
            using var host = KenpoCli.CreateHost();
            var knowledge = host.Get<KnowledgeBase>();
            var entries = CorpusEntries.From(knowledge).ToList();
            var text = string.Join("\n", entries.Select(e => e.Text));
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, corpus text {text.Length:#,0} chars, {entries.Count} entries");
            if (only is null or "answers")
            {
                await AnswerBench.RunAsync(host.Get<KenpoBot.Assistant.IAssistant>(), Math.Clamp(parse.GetValue(answersOption), 1, 1_000_000),
                    Math.Clamp(parse.GetValue(roundsOption), 1, 1_000), cancellationToken);
            }
            if (only is "answers") return 0;

            // 1. Analyzer throughput vs the mecab command on the same text, repeated so that process start and JIT weigh little.
            //    Rounds alternate between the two so both see the same noise; the best of 5 is kept.
            var repeat = Math.Clamp(parse.GetValue(repeatOption), 1, 100);
            if (only is null or "analysis") Analysis(text, repeat);
            if (only is "analysis") return 0;

            // 2. Index build, corpus and synthetic ×scale; 3. query latency on each.
            // A middle size as well, so that growth shows as a line through three points rather than two.
            var scales = new[] { 1, Math.Max(2, scale / 10), scale }.Distinct().Where(s => s <= scale);
            foreach (var (label, set) in scales.Select(s => (s == 1 ? "corpus" : $"synthetic ×{s}", s == 1 ? entries : Synthetic(entries, s))))
            {
                IndexAndQueries(label, set, questions, knowledge);
            }
            return 0;
        }));
        return command;
    }

    private static void Analysis(string text, int repeat)
    {
        var big = string.Join("\n", Enumerable.Repeat(text, repeat));
        var tmp = Path.GetTempFileName();
        File.WriteAllText(tmp, big, new System.Text.UTF8Encoding(false));
        var analyzer = new JapaneseAnalyzer();
        CountTokens(analyzer, text); // warm-up: JIT and the feature cache
        TimeSpan ours = TimeSpan.MaxValue, tokenizerOnly = TimeSpan.MaxValue, raw = TimeSpan.MaxValue;
        int tokens = 0, morphemes = 0;
        for (var round = 0; round < 5; round++)
        {
            raw = Min(raw, Time(() => RunMeCab(tmp)));
            ours = Min(ours, Time(() => tokens = CountTokens(analyzer, big)));
            tokenizerOnly = Min(tokenizerOnly, Time(() => morphemes = CountTokens(big)));
        }
        Console.WriteLine($"analysis text: corpus text ×{repeat} = {big.Length:#,0} chars");
        Console.WriteLine($"analyzer (full chain):  {big.Length / ours.TotalSeconds / 1e6:0.00} M chars/s ({ours.TotalMilliseconds:0} ms, {tokens:#,0} terms)");
        Console.WriteLine($"MeCabTokenizer alone:   {big.Length / tokenizerOnly.TotalSeconds / 1e6:0.00} M chars/s ({tokenizerOnly.TotalMilliseconds:0} ms, {morphemes:#,0} tokens)");
        Console.WriteLine($"mecab command:          {big.Length / raw.TotalSeconds / 1e6:0.00} M chars/s ({raw.TotalMilliseconds:0} ms, incl. process start and output)");
        Console.WriteLine($"ratio analyzer / mecab: {raw.TotalSeconds / ours.TotalSeconds:0.00}; tokenizer alone / mecab: {raw.TotalSeconds / tokenizerOnly.TotalSeconds:0.00}");
        File.Delete(tmp);
    }

    private static void IndexAndQueries(string label, IReadOnlyList<SearchEntry> set, IReadOnlyList<string> questions, KnowledgeBase knowledge)
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

    private static TimeSpan Time(Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The tokenizer without the filter chain: what our MeCab wrapper costs by itself.</summary>
    private static int CountTokens(string text)
    {
        using var tokenizer = new MeCabTokenizer(new StringReader(text));
        tokenizer.Reset();
        var n = 0;
        while (tokenizer.IncrementToken()) n++;
        tokenizer.End();
        return n;
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

    /// <summary>The raw mecab command over the file, its output thrown away by the shell, so reading it costs us nothing.</summary>
    private static void RunMeCab(string path)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec mecab \"$1\" > /dev/null", "sh", path }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"mecab が終了コード {process.ExitCode} で終わりました。");
    }
}
