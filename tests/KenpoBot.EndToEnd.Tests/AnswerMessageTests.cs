using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace KenpoBot.EndToEnd.Tests;

/// <summary>The Teams AI conventions of an answer in the Playground: the citation marker and the feedback buttons.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class AnswerMessageTests(PlaygroundFixture playground)
{
    /// <summary>Answered from AP6's KPI list (第6期保険者機能強化アクションプラン), one citation.</summary>
    private const string Question = "返納金債権の回収率の目標は？";

    [Fact]
    public async Task Answer_WithACitation_ShowsMarkerOne()
    {
        await playground.AskAsync(Question, "c1-citation.png");

        var sent = playground.SentActivities().Last(a => a.TryGetProperty("entities", out _));
        var text = sent.GetProperty("text").GetString()!;
        Assert.Contains("[1]", text);
        var message = sent.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "https://schema.org/Message");
        var claim = Assert.Single(message.GetProperty("citation").EnumerateArray());
        Assert.Equal(1, claim.GetProperty("position").GetInt32());
        Assert.Contains("第6期保険者機能強化アクションプラン", claim.GetProperty("appearance").GetProperty("name").GetString());

        // The Playground draws [1] as a citation button in the text; it shows no popover or reference list for it.
        var shown = playground.Page.Locator(".fai-OutputCard", new() { Has = playground.Page.Locator(".fai-Citation") }).Last;
        var marker = shown.Locator(".fai-Citation");
        Assert.Equal(1, await marker.CountAsync());
        Assert.Equal("1", (await marker.InnerTextAsync()).Trim());
        Assert.DoesNotContain("[1]", await shown.InnerTextAsync());
        await playground.ShootAsync(shown, "c2-citation-marker.png");
    }

    [Fact]
    public async Task ThumbsDown_WithAComment_IsStoredInTheFeedbackFile()
    {
        await playground.AskAsync(Question, "f1-answer.png");
        var answer = playground.SentActivities().Last(a => a.TryGetProperty("entities", out _));
        Assert.True(answer.GetProperty("channelData").GetProperty("feedbackLoopEnabled").GetBoolean());

        // The Playground renders the buttons under the message and asks for a comment after 👎.
        var shown = playground.Page.Locator(".fai-OutputCard", new() { Has = playground.Page.Locator(".fai-Citation") }).Last;
        await shown.Locator("xpath=../../..").Locator("button[aria-label=\"Dislike\"]").ClickAsync();
        var comment = playground.Page.Locator("textarea");
        await comment.FillAsync("出典の年度が古いようです");
        await playground.Page.ScreenshotAsync(new() { Path = Path.Combine(PlaygroundFixture.Artifacts, "f2-dislike-dialog.png") });
        await playground.Page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        var invoke = await WaitForAsync(() => Invokes().Select(i => (JsonElement?)i).LastOrDefault(), "the Playground's feedback invoke");
        Assert.Equal("message/submitAction", invoke.GetProperty("name").GetString());
        Assert.Equal("dislike", invoke.GetProperty("value").GetProperty("actionValue").GetProperty("reaction").GetString());
        Assert.Contains("出典の年度が古いようです", invoke.GetProperty("value").GetProperty("actionValue").GetProperty("feedback").ToString());

        // Agents Playground 0.2.28 sends this invoke without replyToId: the bot stores it itself, linked to the
        // conversation's latest answer (answer_match 'latest'), although the Playground gave the text+card message no id.
        var stored = await StoredRowsAsync(TimeSpan.FromSeconds(5));
        var row = Assert.Single(stored);
        Assert.Equal("dislike", row.Reaction);
        Assert.Equal("出典の年度が古いようです", row.Comment);
        Assert.Contains(answer.GetProperty("conversation").GetProperty("id").GetString()!, row.ConversationKey);
        Assert.Equal("latest", row.AnswerMatch);
        Assert.NotNull(row.AnswerId);
        Assert.Equal(Question, row.AnsweredQuestion);
    }

    private sealed record FeedbackRow(string Reaction, string Comment, string ConversationKey, string ReplyToId, long? AnswerId, string AnswerMatch, string? AnsweredQuestion);

    /// <summary>The stored feedback rows, polled until at least one is there or <paramref name="timeout"/> passes.</summary>
    private async Task<List<FeedbackRow>> StoredRowsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = Rows();
            if (rows.Count > 0 || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(100);
        }
    }

    /// <summary>The feedback table of the bot's SQLite file (see FeedbackDatabase), with the question of the answer each row is linked to.</summary>
    private List<FeedbackRow> Rows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = playground.FeedbackPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT f.reaction, f.comment, f.conversation_key, f.reply_to_id, f.answer_id, f.answer_match, a.question
            FROM feedback f LEFT JOIN answers a ON a.id = f.answer_id ORDER BY f.id
            """;
        using var reader = select.ExecuteReader();
        var rows = new List<FeedbackRow>();
        while (reader.Read())
            rows.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }

    /// <summary>The feedback invokes the Playground sent to the bot (its log frames).</summary>
    private IEnumerable<JsonElement> Invokes() =>
        playground.Frames.Where(f => f.TryGetProperty("logAction", out _) && f.GetProperty("log").TryGetProperty("request", out var r)
                && r.TryGetProperty("body", out var b) && b.TryGetProperty("name", out var n) && n.GetString() == "message/submitAction")
            .Select(f => f.GetProperty("log").GetProperty("request").GetProperty("body"));

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, string what) where T : struct
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} did not arrive.");
    }
}
