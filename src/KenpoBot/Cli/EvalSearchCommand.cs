using System.CommandLine;
using System.Diagnostics;
using System.Text;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;
using Microsoft.Data.Sqlite;

namespace KenpoBot.Cli;

/// <summary>
/// `eval-search FILE…`: hit@1, hit@5 and MRR of search on the dev questions, side by side for bigrams only, MeCab only,
/// the combined analyzer, and a plain SQLite FTS5 trigram baseline over the same entries; per file, then all files pooled.
/// </summary>
public static class EvalSearchCommand
{
    private static readonly string[] DefaultFiles = ["../shared/eval/questions.dev.tsv", "../shared/eval/questions.dev2.tsv"];

    /// <summary>One method's result on one file: the rank of the first matching entry per question (null: not in the top 5).</summary>
    /// <param name="CpuMilliseconds">Process CPU time (all threads, GC included) over the questions: steadier than wall time on a busy machine.</param>
    private sealed record Run(IReadOnlyList<int?> Ranks, IReadOnlyList<double> Milliseconds, double CpuMilliseconds);

    public static Command Create()
    {
        var filesArgument = new Argument<string[]>("file")
        {
            Description = "質問ファイル（省略すると ../shared/eval の questions.dev.tsv と questions.dev2.tsv）。対話ファイルは対象外",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var weightOption = new Option<string[]>("--weight")
        {
            Description = "試す重み（名前=値、繰り返し可。名前: " + string.Join(", ", SearchWeights.Names) + "。例: --weight Scope=4 --weight Term=5）",
            AllowMultipleArgumentsPerToken = true,
        };
        var detailOption = new Option<bool>("--detail") { Description = "問ごとの順位（5 位以内にないときは -）も表示します" };
        var command = new Command("eval-search", "検索の精度（hit@1, hit@5, MRR）を方式ごとに比べます") { filesArgument, weightOption, detailOption };
        command.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var files = parse.GetValue(filesArgument) is { Length: > 0 } given ? given : DefaultFiles;
            var detail = parse.GetValue(detailOption);
            var sets = new List<EvalSet>();
            foreach (var set in files.Select(EvalSet.Read))
            {
                if (set.IsDialogue) Console.WriteLine($"{set.Name} は対話ファイルなので検索の評価から外します。");
                else sets.Add(set);
            }
            if (sets.Count == 0) throw new UserInputException("検索を評価できる質問ファイル（3 列）がありません。");
            using var host = KenpoCli.CreateHost();
            var searcher = host.Get<KnowledgeSearcher>();
            if (parse.GetValue(weightOption) is { Length: > 0 } settings)
            {
                SearchWeights weights;
                try
                {
                    weights = SearchWeights.Default.With(settings);
                }
                catch (FormatException ex)
                {
                    throw new UserInputException(ex.Message);
                }
                Console.WriteLine($"重み: {weights}");
                searcher = new KnowledgeSearcher(host.Get<KnowledgeIndex>(), new Search.Analysis.JapaneseAnalyzer(), new Search.Analysis.CjkBigramAnalyzer(),
                    new QueryExpander(host.Get<KnowledgeBase>().Glossary), weights);
            }
            var entries = CorpusEntries.From(host.Get<KnowledgeBase>()).ToList();
            using var fts = new Fts5Baseline(entries);
            var methods = new (string Name, Func<string, IReadOnlyList<SearchEntry>> Search)[]
            {
                ("CJK バイグラムのみ", q => searcher.Search(q, top: 5, mode: SearchMode.BigramOnly).Select(h => h.Entry).ToList()),
                ("MeCab のみ", q => searcher.Search(q, top: 5, mode: SearchMode.MeCabOnly).Select(h => h.Entry).ToList()),
                ("MeCab + バイグラム（採用）", q => searcher.Search(q, top: 5).Select(h => h.Entry).ToList()),
                // Snippets are highlighted when first read; this row reads all five, as the search did for every hit before.
                ("採用 + 5 件のスニペット", q => WithSnippets(searcher.Search(q, top: 5))),
                ("SQLite FTS5 trigram", fts.Search),
            };

            Console.WriteLine($"検索の評価: {entries.Count} 件の索引、OUT_OF_SCOPE の問は除く");
            // Warm-up, untimed, every method in turn until tiered compilation is quiet for two seconds: MeCab dictionary, index
            // readers, SQLite and optimised code, so the figures are those of a running server, not of a process start.
            var all = sets.SelectMany(s => s.Items).Where(q => q.Expect != AnswerCheck.OutOfScope).Select(q => q.Question).ToList();
            SteadyState.WarmUp(() => { foreach (var (_, search) in methods) all.ForEach(q => search(q)); }, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
            var runs = new List<Run[]>();
            foreach (var set in sets)
            {
                var questions = set.Items.Where(q => q.Expect != AnswerCheck.OutOfScope).ToList();
                Console.WriteLine();
                Console.WriteLine($"{set.Name}: {questions.Count} 問");
                PrintHeader();
                runs.Add(methods.Select(m =>
                {
                    var run = Measure(m.Search, questions, detail);
                    if (detail) Console.WriteLine($"  {m.Name}: " + string.Join(" ", questions.Zip(run.Ranks, (q, r) => $"{q.Id}={(r is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}")));
                    PrintRow(m.Name, run);
                    return run;
                }).ToArray());
            }
            if (sets.Count > 1)
            {
                var pooled = methods.Select((_, i) => new Run(runs.SelectMany(r => r[i].Ranks).ToList(), runs.SelectMany(r => r[i].Milliseconds).ToList(), runs.Sum(r => r[i].CpuMilliseconds))).ToList();
                Console.WriteLine();
                Console.WriteLine($"全 {sets.Count} ファイル: {pooled[0].Ranks.Count} 問");
                PrintHeader();
                for (var i = 0; i < methods.Length; i++) PrintRow(methods[i].Name, pooled[i]);
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Searches every question; with detail, lists the top five of each question not found first.</summary>
    private static Run Measure(Func<string, IReadOnlyList<SearchEntry>> search, IReadOnlyList<EvalItem> questions, bool detail)
    {
        var ranks = new List<int?>();
        var times = new List<double>();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        foreach (var q in questions)
        {
            var watch = Stopwatch.StartNew();
            var hits = search(q.Question);
            times.Add(watch.Elapsed.TotalMilliseconds);
            var rank = hits.Select((e, i) => (e, i)).Where(p => Matches(p.e, q.Expect)).Select(p => (int?)p.i + 1).FirstOrDefault();
            ranks.Add(rank);
            if (detail && rank != 1) Console.WriteLine($"    {q.Id} {q.Question}: " + string.Join(" | ", hits.Select(h => h.Id)));
        }
        process.Refresh();
        return new Run(ranks, times, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static List<SearchEntry> WithSnippets(IReadOnlyList<SearchHit> hits)
    {
        var entries = new List<SearchEntry>(hits.Count);
        foreach (var hit in hits)
        {
            _ = hit.MarkedSnippet;
            entries.Add(hit.Entry);
        }
        return entries;
    }

    private static void PrintHeader() => Console.WriteLine($"{"方式",-28}\thit@1\thit@5\tMRR\tp50 ms\tCPU ms/問");

    private static void PrintRow(string name, Run run)
    {
        var n = (double)run.Ranks.Count;
        var times = run.Milliseconds.Order().ToList();
        Console.WriteLine($"{name,-28}\t{run.Ranks.Count(r => r == 1) / n:0.000}\t{run.Ranks.Count(r => r <= 5) / n:0.000}\t{run.Ranks.Sum(r => r is { } k ? 1.0 / k : 0) / n:0.000}\t{AskCommands.Percentile(times, 0.5):0.00}\t{run.CpuMilliseconds / n:0.00}");
    }

    /// <summary>The entry contains one alternative of every expected group, after NFKC.</summary>
    private static bool Matches(SearchEntry entry, string expect)
    {
        var text = (entry.Title + "\n" + entry.Text).Normalize(NormalizationForm.FormKC);
        return expect.Split(';').All(g => g.Split('|').Any(a => text.Contains(a.Normalize(NormalizationForm.FormKC), StringComparison.Ordinal)));
    }

    /// <summary>The plain baseline a team might pick: SQLite FTS5 with the trigram tokenizer, in memory, ranked by bm25.</summary>
    private sealed class Fts5Baseline : IDisposable
    {
        private readonly SqliteConnection connection = new("Data Source=:memory:");
        private readonly IReadOnlyList<SearchEntry> entries;

        public Fts5Baseline(IReadOnlyList<SearchEntry> entries)
        {
            this.entries = entries;
            connection.Open();
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE VIRTUAL TABLE e USING fts5(n UNINDEXED, body, tokenize='trigram')";
                create.ExecuteNonQuery();
            }
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO e(n, body) VALUES ($n, $body)";
            var n = insert.Parameters.Add("$n", SqliteType.Integer);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            for (var i = 0; i < entries.Count; i++)
            {
                n.Value = i;
                body.Value = (entries[i].Title + "\n" + entries[i].Text).Normalize(NormalizationForm.FormKC);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        public IReadOnlyList<SearchEntry> Search(string question)
        {
            var text = new string(QueryExpander.Clean(question).Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray());
            var trigrams = Enumerable.Range(0, Math.Max(0, text.Length - 2)).Select(i => text.Substring(i, 3)).Distinct().ToList();
            if (trigrams.Count == 0) return [];
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT n FROM e WHERE e MATCH $q ORDER BY bm25(e) LIMIT 5";
            query.Parameters.AddWithValue("$q", string.Join(" OR ", trigrams.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            var found = new List<SearchEntry>();
            using var reader = query.ExecuteReader();
            while (reader.Read()) found.Add(entries[reader.GetInt32(0)]);
            return found;
        }

        public void Dispose() => connection.Dispose();
    }
}
