using System.Text;
using KenpoBot.Assistant;
using KenpoBot.Bot.Feedback;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace KenpoBot.Host.Tests;

/// <summary>The `feedback` verb as curators run it, against a real SQLite file written by the bot's own store.</summary>
[Collection("host process")]
public sealed class FeedbackCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kenpobot-feedback-verb-" + Guid.NewGuid().ToString("N"));
    private string DatabasePath => Path.Combine(_folder, "feedback.db");
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public async Task InitializeAsync()
    {
        var store = new FeedbackStore(new FeedbackDatabase(DatabasePath), new FeedbackOptions(), NullLogger<FeedbackStore>.Instance);
        var n = 0;
        async Task Ask(string question, Intent intent, string text, TimeSpan ago, string? reaction = null, string comment = "", string user = "u1")
        {
            var id = $"m{++n}";
            var answer = new Answer(question, intent, text, [], [], []);
            await store.RecordAnswerAsync(new SentAnswer(_now - ago, "msteams/t/c", question, answer, [id]), CancellationToken.None);
            if (reaction is not null)
                await store.RecordReactionAsync(new MessageReaction(_now - ago, "msteams/t/c", id, reaction, comment, user), CancellationToken.None);
        }

        var day = TimeSpan.FromDays(1);
        await Ask("返納金債権とは？", Intent.Glossary, "返納金債権は…", day, "dislike", "定義が古い");
        await Ask("秋田支部の令和5年度のKPIの達成状況は？", Intent.KpiStatus, "達成 5…", 2 * day, "dislike", "数字が違う");
        await Ask("秋田支部の令和5年度の KPI の達成状況は?", Intent.KpiStatus, "達成 5…", day, "dislike", "=HYPERLINK(\"x\")", user: "u2");
        await Ask("返納金債権とは？", Intent.Glossary, "返納金債権は…", day, "like");
        await Ask("天気は？", Intent.OutOfScope, "資料には記載がありません。", day);
        await Ask("天気は", Intent.OutOfScope, "資料には記載がありません。", 3 * day, "dislike", "答えてほしい");
        await Ask("ランチのおすすめは？", Intent.Search, "資料には記載がありません。ご質問の内容は…", day);
        await Ask("去年の天気は？", Intent.OutOfScope, "資料には記載がありません。", 40 * day);
        await store.DisposeAsync(); // writes the queued answers
        SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private Task<KenpoProcess.Output> RunAsync(params string[] args) =>
        KenpoProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { ["KenpoBot__FeedbackPath"] = DatabasePath }, null, ["feedback", .. args]);

    [Fact]
    public async Task LastThirtyDays_MostFrequentFirst_WithComments()
    {
        var output = await RunAsync();

        Assert.Equal(0, output.ExitCode);
        var lines = output.StdOut.Split('\n').Select(l => l.TrimEnd()).ToList();
        var dislikes = lines.FindIndex(l => l.StartsWith("低評価の回答: 4 件（3 種類の質問）", StringComparison.Ordinal));
        var unanswered = lines.FindIndex(l => l.StartsWith("資料に記載がなかった質問: 3 件（2 種類の質問）", StringComparison.Ordinal));
        Assert.True(dislikes >= 0 && unanswered > dislikes, output.StdOut);
        var dislikeGroups = lines[dislikes..unanswered].Where(l => l.Contains("件  ", StringComparison.Ordinal)).ToList();
        Assert.Contains("  2件  秋田支部の令和5年度の KPI の達成状況は?  [KpiStatus]", dislikeGroups[0]);
        Assert.Contains("返納金債権とは？", dislikeGroups[1]);
        Assert.Contains("天気は", dislikeGroups[2]);
        var unansweredGroups = lines[unanswered..].Where(l => l.Contains("件  ", StringComparison.Ordinal)).ToList();
        Assert.Contains("  2件  天気は？  [OutOfScope]", unansweredGroups[0]);
        Assert.Contains("  1件  ランチのおすすめは？  [Search]", unansweredGroups[1]);
        Assert.Equal(2, unansweredGroups.Count);
        Assert.Contains("        ・数字が違う", lines);
        Assert.Contains("        ・答えてほしい", lines);
        Assert.DoesNotContain("去年の天気", output.StdOut);
    }

    [Fact]
    public async Task Since_WidensThePeriod()
    {
        var since = _now.AddDays(-45).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd");

        var output = await RunAsync("--since", since);

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("資料に記載がなかった質問: 4 件（3 種類の質問）", output.StdOut);
        Assert.Contains("去年の天気は？", output.StdOut);
    }

    [Fact]
    public async Task Csv_Utf8WithBom_SameOrder_FormulasDefused()
    {
        var csv = Path.Combine(_folder, "out", "feedback.csv");

        var output = await RunAsync("--csv", csv);

        Assert.Equal(0, output.ExitCode);
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("種別,件数,質問,意図,コメント,最終日時", rows[0]);
        Assert.StartsWith("低評価,2,秋田支部の令和5年度の KPI の達成状況は?,KpiStatus,\"'=HYPERLINK(\"\"x\"\") / 数字が違う\",", rows[1]);
        Assert.StartsWith("資料に記載なし,2,天気は？,OutOfScope,答えてほしい,", rows[4]);
        Assert.Equal(6, rows.Length);
    }

    [Fact]
    public async Task BadDate_JapaneseMessage_ExitCode2()
    {
        var output = await RunAsync("--since", "先月");

        Assert.Equal(2, output.ExitCode);
        Assert.Contains("--since の日付「先月」を読めません", output.StdErr);
    }

    [Fact]
    public async Task NoFileYet_SaysSo()
    {
        var output = await KenpoProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["KenpoBot__FeedbackPath"] = Path.Combine(_folder, "none", "feedback.db") }, null, "feedback");

        Assert.Equal(0, output.ExitCode);
        Assert.Contains("フィードバックの記録はまだありません", output.StdOut);
        Assert.False(File.Exists(Path.Combine(_folder, "none", "feedback.db")));
    }
}
