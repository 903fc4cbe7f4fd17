using System.CommandLine;
using System.Globalization;
using System.Text;
using KenpoBot.Bot.Feedback;
using KenpoBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Data.Sqlite;

namespace KenpoBot.Cli;

/// <summary>
/// `feedback [--since DATE] [--until DATE] [--csv FILE]`: for curators, the thumbs-down answers and the questions the
/// documents did not answer in a period (dates in Japan time, default the last 30 days), most frequent first, with comments.
/// </summary>
public static class FeedbackCommand
{
    /// <summary>Curators count days in Japan time, which has no daylight saving.</summary>
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    private const int DefaultDays = 30;
    private const int MaxCommentShown = 200;

    public static Command Create()
    {
        var sinceOption = new Option<string?>("--since") { Description = "この日から（2026-11-01。日本時間。既定は --until の 30 日前）" };
        var untilOption = new Option<string?>("--until") { Description = "この日まで（この日を含む。既定は今日）" };
        var csvOption = new Option<FileInfo?>("--csv") { Description = "結果を CSV（UTF-8 BOM 付き、Excel で開けます）にも書き出すファイル" };
        var command = new Command("feedback", "低評価の回答と、資料に記載がなかった質問を多い順に表示します") { sinceOption, untilOption, csvOption };
        command.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var (from, to, label) = Period(parse.GetValue(sinceOption), parse.GetValue(untilOption), DateTimeOffset.UtcNow);
            var database = new FeedbackDatabase(FeedbackPath());
            var csv = parse.GetValue(csvOption);
            if (!database.Exists)
            {
                Console.WriteLine($"フィードバックの記録はまだありません（{database.Path}）。");
                if (csv is not null) WriteCsv(csv, [], []);
                return Task.FromResult(0);
            }

            IReadOnlyList<FeedbackGroup> dislikes, unanswered;
            try
            {
                dislikes = FeedbackReport.Dislikes(database, from, to);
                unanswered = FeedbackReport.Unanswered(database, from, to);
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or FormatException)
            {
                throw new UserInputException($"フィードバックの記録を読めません（{database.Path}）: {ex.Message}");
            }
            Console.WriteLine($"フィードバック {label}（日本時間） {database.Path}");
            Print("低評価の回答", dislikes);
            Print("資料に記載がなかった質問", unanswered);
            if (csv is not null)
            {
                WriteCsv(csv, dislikes, unanswered);
                Console.WriteLine($"CSV に書き出しました: {csv.FullName}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>[from, to) in UTC and the label of the period; --until is inclusive.</summary>
    public static (DateTimeOffset From, DateTimeOffset To, string Label) Period(string? since, string? until, DateTimeOffset now)
    {
        var last = until is null ? DateOnly.FromDateTime(now.ToOffset(Japan).DateTime) : ParseDate(until, "--until");
        var first = since is null ? last.AddDays(-DefaultDays) : ParseDate(since, "--since");
        if (first > last) throw new UserInputException($"--since（{first:yyyy-MM-dd}）が --until（{last:yyyy-MM-dd}）より後です。");
        DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Japan);
        return (Start(first), Start(last.AddDays(1)), $"{first:yyyy-MM-dd}〜{last:yyyy-MM-dd}");
    }

    private static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UserInputException($"{option} の日付「{text}」を読めません。2026-11-01 のように書いてください。");

    /// <summary>KenpoBot:FeedbackPath from appsettings.json and the environment, against the content root, as `serve` resolves it.</summary>
    private static string FeedbackPath()
    {
        var root = ContentRoot.Find();
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true).AddEnvironmentVariables().Build();
        var configured = configuration[$"{FeedbackOptions.Section}:{nameof(FeedbackOptions.FeedbackPath)}"] ?? "";
        return FeedbackServiceCollectionExtensions.ResolvePath(root, configured);
    }

    private static void Print(string title, IReadOnlyList<FeedbackGroup> groups)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: {groups.Sum(g => g.Count)} 件（{groups.Count} 種類の質問）");
        foreach (var g in groups)
        {
            Console.WriteLine($"  {g.Count,3}件  {OneLine(g.Question)}  [{string.Join(", ", g.Intents)}]  最終 {g.Last.ToOffset(Japan):yyyy-MM-dd HH:mm}");
            foreach (var comment in g.Comments) Console.WriteLine($"        ・{Clip(OneLine(comment))}");
        }
    }

    /// <summary>UTF-8 with a BOM so Excel reads the Japanese; cells that Excel would run as formulas are quoted with a leading '.</summary>
    private static void WriteCsv(FileInfo file, IReadOnlyList<FeedbackGroup> dislikes, IReadOnlyList<FeedbackGroup> unanswered)
    {
        var sb = new StringBuilder();
        sb.Append("種別,件数,質問,意図,コメント,最終日時\r\n");
        foreach (var (kind, groups) in new[] { ("低評価", dislikes), ("資料に記載なし", unanswered) })
        {
            foreach (var g in groups)
            {
                sb.AppendJoin(',', new[]
                {
                    kind, g.Count.ToString(CultureInfo.InvariantCulture), g.Question, string.Join(" ", g.Intents),
                    string.Join(" / ", g.Comments), g.Last.ToOffset(Japan).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                }.Select(Cell)).Append("\r\n");
            }
        }
        try
        {
            if (file.Directory is { Exists: false } folder) folder.Create();
            File.WriteAllText(file.FullName, sb.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"CSV を書き出せません（{file.FullName}）: {ex.Message}");
        }
    }

    private static string Cell(string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text != text.Trim() ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string text) => text.Length <= MaxCommentShown ? text : text[..(MaxCommentShown - 1)] + "…";
}
