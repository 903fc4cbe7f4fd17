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

    public static Command CreateEval()
    {
        var fileArgument = new Argument<string>("file") { Description = "質問ファイル（../shared/eval/questions.dev.tsv の形式）" };
        var command = new Command("eval", "質問ファイルの全問に答え、期待語を含む回答の割合と応答時間を表示します") { fileArgument };
        command.SetAction((parse, cancellationToken) => KenpoCli.Run(async () =>
        {
            var file = parse.GetValue(fileArgument)!;
            // `dotnet run` may start in the project folder: a relative path is also tried against the repo root.
            if (!File.Exists(file) && !Path.IsPathRooted(file)) file = Path.Combine(Hosting.ContentRoot.Find(), file);
            if (!File.Exists(file)) throw new UserInputException($"ファイル「{file}」がありません。");
            var questions = DevQuestions.Read(file);
            using var host = KenpoCli.CreateHost();
            var assistant = host.Get<IAssistant>();
            var passed = 0;
            var latencies = new List<double>();
            foreach (var q in questions)
            {
                var watch = Stopwatch.StartNew();
                var answer = await assistant.AskAsync(NewConversation(), q.Question, cancellationToken);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                var ok = DevQuestions.Passes(q, answer);
                if (ok) passed++;
                Console.WriteLine($"{(ok ? "OK " : "NG ")} {q.Id}\t{q.Question}\t{(ok ? "" : "期待: " + q.Expect)}");
            }
            latencies.Sort();
            Console.WriteLine($"{passed}/{questions.Count} 問正解（{100.0 * passed / Math.Max(1, questions.Count):0.0}%）、応答時間 p50 {Percentile(latencies, 0.5):0.0} ms / p99 {Percentile(latencies, 0.99):0.0} ms");
            return passed == questions.Count ? 0 : 1;
        }));
        return command;
    }

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

/// <summary>The dev questions file: id, question, expected word groups (';' between groups, '|' between alternatives).</summary>
public static class DevQuestions
{
    public const string OutOfScope = "OUT_OF_SCOPE";

    public sealed record Item(string Id, string Question, string Expect);

    public static IReadOnlyList<Item> Read(string path) => File.ReadAllLines(path)
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t'))
        .Where(c => c.Length >= 3)
        .Select(c => new Item(c[0], c[1], c[2]))
        .ToList();

    /// <summary>The answer text together with its citations' snippets contains one alternative of every group, after NFKC.</summary>
    public static bool Passes(Item item, Answer answer)
    {
        if (item.Expect == OutOfScope) return answer.Citations.Count == 0;
        var haystack = (answer.Text + "\n" + string.Join("\n", answer.Citations.Select(c => c.Snippet))).Normalize(NormalizationForm.FormKC);
        return item.Expect.Split(';').All(group => group.Split('|').Any(alt => haystack.Contains(alt.Normalize(NormalizationForm.FormKC), StringComparison.Ordinal)));
    }
}
