using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using KenpoBot.Assistant;

namespace KenpoBot.Cli;

/// <summary>`ask`, `chat` and `eval`: the assistant from the command line, through the same IAssistant the bot uses.</summary>
public static class AskCommands
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command CreateAsk()
    {
        var questionArgument = new Argument<string?>("question") { Description = "質問（省略して --json なら標準入力から 1 行 1 問）", Arity = ArgumentArity.ZeroOrOne };
        var jsonOption = new Option<bool>("--json") { Description = "JSON で出力（1 問 1 行）" };
        var conversationOption = new Option<string?>("--conversation") { Description = "会話 ID: 指定すると標準入力の質問を一つの会話として続けて扱います" };
        var command = new Command("ask", "質問に答えます") { questionArgument, jsonOption, conversationOption };
        command.SetAction((parse, cancellationToken) => KenpoCli.Run(async () =>
        {
            var question = parse.GetValue(questionArgument);
            var json = parse.GetValue(jsonOption);
            var conversation = parse.GetValue(conversationOption);
            using var host = KenpoCli.CreateHost();
            var assistant = host.Get<IAssistant>();
            if (question is not null)
            {
                var answer = await assistant.AskAsync(conversation ?? NewConversation(), question, cancellationToken);
                Console.WriteLine(json ? JsonSerializer.Serialize(answer, Json) : Render(answer));
                return 0;
            }
            if (!json) throw new UserInputException("質問を指定してください。標準入力から読むときは --json を付けます。");
            Console.InputEncoding = Encoding.UTF8;
            while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Trim().Length == 0) continue;
                var answer = await assistant.AskAsync(conversation ?? NewConversation(), line, cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(answer, Json));
            }
            return 0;
        }));
        return command;
    }

    public static Command CreateChat()
    {
        var command = new Command("chat", "対話モード（履歴つき）。終了は空行か Ctrl+D");
        command.SetAction((_, cancellationToken) => KenpoCli.Run(async () =>
        {
            using var host = KenpoCli.CreateHost();
            var assistant = host.Get<IAssistant>();
            var conversation = NewConversation();
            Console.WriteLine("KenpoBot です。質問をどうぞ（例: 返納金債権とは？／秋田支部の令和5年度のKPIの達成状況は？）。空行で終了します。");
            while (true)
            {
                Console.Write("> ");
                var line = await Console.In.ReadLineAsync(cancellationToken);
                if (string.IsNullOrWhiteSpace(line)) return 0;
                Console.WriteLine(Render(await assistant.AskAsync(conversation, line, cancellationToken)));
            }
        }));
        return command;
    }

    /// <summary>The shared sets `eval` runs when no file is given, relative to the repo root.</summary>
    public static readonly string[] DefaultEvalFiles =
        ["../shared/eval/questions.dev.tsv", "../shared/eval/questions.dev2.tsv", "../shared/eval/dialogues.dev.tsv"];

    public static Command CreateEval()
    {
        var filesArgument = new Argument<string[]>("file")
        {
            Description = "質問ファイル（3 列）または対話ファイル（4 列）。省略すると ../shared/eval の questions.dev.tsv, questions.dev2.tsv, dialogues.dev.tsv",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var answerFirstOption = new Option<bool>("--answer-first") { Description = "合否（終了コード）を回答本文の先頭 300 文字だけで判定します（質問ファイルのみ。対話は通常の判定）" };
        var minOption = new Option<double?>("--min") { Description = "各ファイルの正解率がこの割合（0〜1）以上なら終了コード 0（省略時は全問正解のときだけ 0）" };
        var command = new Command("eval", "質問・対話ファイルの全問に答え、../shared/eval/check と同じ規則で判定して正解率と応答時間を表示します")
        {
            filesArgument, answerFirstOption, minOption,
        };
        command.SetAction((parse, cancellationToken) => KenpoCli.Run(async () =>
        {
            var answerFirst = parse.GetValue(answerFirstOption);
            var min = parse.GetValue(minOption);
            if (min is < 0 or > 1) throw new UserInputException("--min は 0 から 1 までの割合で指定してください（例: 0.95）。");
            var files = parse.GetValue(filesArgument) is { Length: > 0 } given ? given : DefaultEvalFiles;
            var sets = files.Select(EvalSet.Read).ToList();
            using var host = KenpoCli.CreateHost();
            var assistant = host.Get<IAssistant>();
            // Warm up (JIT, MeCab dictionary, index readers) untimed: the latencies are per answer, not per process start.
            foreach (var warmUp in new[] { "返納金債権とは？", "秋田支部の令和5年度のKPIの達成状況は？", "電子申請はいつ導入されますか" })
                await assistant.AskAsync(NewConversation(), warmUp, cancellationToken);
            var allMet = true;
            foreach (var set in sets)
            {
                var ratio = await EvalAsync(assistant, set, answerFirst, cancellationToken);
                allMet &= min is { } bar ? ratio >= bar : ratio >= 1;
            }
            return allMet ? 0 : 1;
        }));
        return command;
    }

    /// <summary>Asks a set, prints a verdict line per item and a summary; returns the ratio the exit code is judged on.</summary>
    private static async Task<double> EvalAsync(IAssistant assistant, EvalSet set, bool answerFirst, CancellationToken cancellationToken)
    {
        // Dialogue turns have no answer-first verdict, as dialogues.py has none.
        var strict = answerFirst && !set.IsDialogue;
        int passed = 0, passedFirst = 0, total = 0;
        var latencies = new List<double>();
        foreach (var conversation in set.Conversations)
        {
            var conversationId = NewConversation();
            foreach (var item in conversation)
            {
                var watch = Stopwatch.StartNew();
                var answer = await assistant.AskAsync(conversationId, item.Question, cancellationToken);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                var snippets = answer.Citations.Select(c => c.Snippet).ToList();
                var ok = AnswerCheck.Passes(item.Expect, answer.Text, snippets);
                var okFirst = !set.IsDialogue && AnswerCheck.Passes(item.Expect, answer.Text, snippets, answerFirst: true);
                total++;
                if (ok) passed++;
                if (okFirst) passedFirst++;
                var line = new StringBuilder($"{((strict ? okFirst : ok) ? "OK" : "NG"),-3}{item.Label}\t{item.Question}");
                // The answer-first text is a prefix of the plain one, so the two verdicts differ only as plain OK, answer-first NG.
                if (!set.IsDialogue && ok != okFirst) line.Append(strict ? "\t（通常の判定では OK）" : "\t（answer-first では NG）");
                if (!ok || (!set.IsDialogue && !okFirst))
                {
                    line.Append($"\t期待: {item.Expect}\t回答（出典 {snippets.Count} 件）: {AnswerCheck.Head(AnswerCheck.Normalize(answer.Text), 120).ReplaceLineEndings(" ")}");
                }
                Console.WriteLine(line);
            }
        }
        latencies.Sort();
        var summary = new StringBuilder($"{set.Name}: {passed}/{total} 問正解（{Percent(passed, total)}）");
        summary.Append(set.IsDialogue ? $"、対話 {set.Conversations.Count} 件" : $"、answer-first {passedFirst}/{total}（{Percent(passedFirst, total)}）");
        summary.Append($"、応答時間 p50 {Percentile(latencies, 0.5):0.0} ms / p99 {Percentile(latencies, 0.99):0.0} ms");
        Console.WriteLine(summary);
        return (double)(strict ? passedFirst : passed) / Math.Max(1, total);
    }

    private static string Percent(int part, int total) => $"{100.0 * part / Math.Max(1, total):0.0}%";

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string NewConversation() => "cli-" + Guid.NewGuid().ToString("N");

    /// <summary>An answer for a person: the answer first, then its sources.</summary>
    public static string Render(Answer answer)
    {
        var text = new StringBuilder(answer.Text.TrimEnd()).AppendLine();
        if (answer.Citations.Count > 0)
        {
            text.AppendLine().AppendLine("出典:");
            foreach (var c in answer.Citations) text.AppendLine($"  ・{c.Title} ＞ {c.Section}（{c.FiscalYear}）");
        }
        return text.ToString();
    }
}
