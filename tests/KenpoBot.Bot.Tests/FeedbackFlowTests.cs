using System.Net;
using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Feedback;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Bot.Tests;

/// <summary>Answers and reactions through the real endpoint, into the real SQLite file of KenpoBot:FeedbackPath.</summary>
public sealed class FeedbackFlowTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;
    private BotServer _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = await BotServer.StartAsync(replyTo: _channel);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private static JsonObject Feedback(string reaction, string? comment) => new()
    {
        ["actionName"] = "feedback",
        ["actionValue"] = new JsonObject
        {
            ["reaction"] = reaction,
            ["feedback"] = comment is null ? null : new JsonObject { ["feedbackText"] = comment }.ToJsonString(),
        },
    };

    private JsonObject FeedbackInvokeTo(string? replyToId, JsonNode? value)
    {
        var invoke = Activities.Invoke(_channel.ServiceUrl(), FeedbackInvoke.Name, value);
        if (replyToId is not null) invoke["replyToId"] = replyToId;
        return invoke;
    }

    /// <summary>Asks <paramref name="question"/> and returns the id the connector gave the answer's last message.</summary>
    private async Task<string> AskAsync(string question, string id) => (await AskForIdsAsync(question, id))[^1];

    /// <summary>The ids of every message of the answer (the turn is over when the POST returns).</summary>
    private async Task<IReadOnlyList<string>> AskForIdsAsync(string question, string id)
    {
        var before = _channel.Messages.Count;
        await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), question, id: id));
        var sent = await _channel.WaitForAsync(before + 1, r => (string?)r.Body?["type"] == "message");
        return [.. sent.Skip(before).Select(r => r.ResponseId!)];
    }

    private List<Dictionary<string, object?>> Rows(string sql)
    {
        // Answers are written in the background: what was sent so far is written first.
        _bot.Services.GetRequiredService<FeedbackStore>().FlushAsync().GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={_bot.FeedbackPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }

    [Fact]
    public async Task ThumbsDown_StoredWithTheQuestionIntentCitationsAndAHashedUser()
    {
        _bot.Assistant.Script = (q, _) => Task.FromResult(ScriptedAssistant.Cited(q));
        var ids = await AskForIdsAsync("返納金債権とは？", "1700000000101");
        // One message: the text with the citations and the card; the reaction names it by the id the connector returned.
        var id = Assert.Single(ids);
        var response = await _bot.PostAsync(FeedbackInvokeTo(id, Feedback("dislike", "出典が古い")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!);
        Assert.Single(Rows("SELECT id FROM answers"));
        Assert.Single(Rows("SELECT answer_id FROM feedback WHERE answer_id IS NOT NULL"));
        Assert.Equal(["reply_to_id"], Rows("SELECT answer_match FROM feedback ORDER BY id").Select(r => (string?)r["answer_match"]));
        var row = Assert.Single(Rows("""
            SELECT f.reaction, f.comment, f.user_hash, a.question, a.intent, a.citations, a.not_in_documents
            FROM feedback f JOIN answers a ON a.id = f.answer_id WHERE f.reaction = 'dislike'
            """));
        Assert.Equal("dislike", row["reaction"]);
        Assert.Equal("出典が古い", row["comment"]);
        Assert.Equal("返納金債権とは？", row["question"]);
        Assert.Equal("Search", row["intent"]);
        Assert.Equal("akita-2025", (string?)JsonNode.Parse((string)row["citations"]!)![0]!["documentId"]);
        Assert.Equal(0L, row["not_in_documents"]);
        var hash = (string)row["user_hash"]!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain("00000000-0000-0000-0000-000000000001", hash);
        Assert.DoesNotContain("29:user-id", hash);
        Assert.Equal(2L, Rows("PRAGMA user_version")[0]["user_version"]);
        Assert.Equal("wal", Rows("PRAGMA journal_mode")[0]["journal_mode"]);
    }

    [Fact]
    public async Task SameUserChangesTheirMind_TheLatestReactionIsTheOneKept()
    {
        var messageId = await AskAsync("返納金債権とは？", "1700000000102");

        await _bot.PostAsync(FeedbackInvokeTo(messageId, Feedback("like", null)));
        await _bot.PostAsync(FeedbackInvokeTo(messageId, Feedback("dislike", "やはり違う")));

        var row = Assert.Single(Rows("SELECT reaction, comment FROM feedback"));
        Assert.Equal("dislike", row["reaction"]);
        Assert.Equal("やはり違う", row["comment"]);
    }

    [Fact]
    public async Task NotInTheDocuments_StoredAsSuch_ByIntentAndByWording()
    {
        _bot.Assistant.Script = (q, _) => Task.FromResult(q.StartsWith("天気", StringComparison.Ordinal)
            ? new Answer(q, Intent.OutOfScope, "資料には記載がありません。", [], [], [])
            : new Answer(q, Intent.KpiValue, "資料には記載がありません。秋田支部の令和9年度の実績はまだありません。", [], [], []));

        await AskAsync("天気は？", "1700000000103");
        await AskAsync("秋田支部の令和9年度の実績は？", "1700000000104");

        var rows = Rows("SELECT question, intent, not_in_documents FROM answers ORDER BY id");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(1L, r["not_in_documents"]));
        Assert.Equal("KpiValue", rows[1]["intent"]);
    }

    public static TheoryData<string, JsonNode?> MalformedInvokes => new()
    {
        { "unknown reaction", Feedback("meh", "x") },
        { "no actionValue", new JsonObject { ["actionName"] = "feedback" } },
        { "value is a string", "feedback" },
    };

    [Theory]
    [MemberData(nameof(MalformedInvokes))]
    public async Task MalformedInvoke_400WithAMessage_NothingStored_NoChatReply(string because, JsonNode? value)
    {
        var messageId = await AskAsync("返納金債権とは？", "1700000000105");
        var sentBefore = _channel.Requests.Count;

        var response = await _bot.PostAsync(FeedbackInvokeTo(messageId, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("フィードバック", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"], StringComparison.Ordinal);
        Assert.Empty(Rows("SELECT id FROM feedback"));
        Assert.True(sentBefore == _channel.Requests.Count, because);
    }

    [Fact]
    public async Task NoReplyToId_AsAgentsPlaygroundSends_TheConversationsLatestAnswer_MarkedSo()
    {
        await AskAsync("天気は？", "1700000000107");
        await AskAsync("返納金債権とは？", "1700000000108");

        var response = await _bot.PostAsync(FeedbackInvokeTo(null, Feedback("dislike", "違う")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(Rows("SELECT a.question, f.answer_match FROM feedback f JOIN answers a ON a.id = f.answer_id"));
        Assert.Equal("返納金債権とは？", row["question"]);
        Assert.Equal("latest", row["answer_match"]);
    }

    [Fact]
    public async Task NoReplyToId_NoAnswerYet_400_NothingStored()
    {
        var response = await _bot.PostAsync(FeedbackInvokeTo(null, Feedback("dislike", "違う")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Rows("SELECT id FROM feedback"));
    }

    [Fact]
    public async Task ReactionToAnUnknownMessage_Stored_WithoutAnAnswer()
    {
        var response = await _bot.PostAsync(FeedbackInvokeTo("never-sent", Feedback("like", null)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(Rows("SELECT answer_id, reaction FROM feedback"));
        Assert.Null(row["answer_id"]);
    }

    [Fact]
    public async Task ExpectReplies_TheBotNamesItsMessages_SoAReactionFindsTheAnswer()
    {
        var response = await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？", deliveryMode: "expectReplies", id: "1700000000106"));
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!;
        Assert.True((bool)reply["channelData"]!["feedbackLoopEnabled"]!);

        await _bot.PostAsync(FeedbackInvokeTo((string)reply["id"]!, Feedback("dislike", null)));

        Assert.Equal("返納金債権とは？", Assert.Single(Rows("SELECT a.question FROM feedback f JOIN answers a ON a.id = f.answer_id"))["question"]);
    }
}

/// <summary>A feedback file that cannot be written never costs the user their answer.</summary>
public sealed class FeedbackStoreFailureTests
{
    [Fact]
    public async Task UnwritablePath_AnswerStillSent_ReactionStill200_ErrorLogged()
    {
        await using var channel = await FakeChannel.StartAsync();
        var blocker = Path.GetTempFileName();
        try
        {
            // A folder cannot be made under a file: every write fails.
            await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["KenpoBot:FeedbackPath"] = Path.Combine(blocker, "sub", "feedback.db") }, channel);

            await bot.PostAsync(Activities.Message(channel.ServiceUrl(), "返納金債権とは？"));
            var answer = Assert.Single(await channel.WaitForAsync(1));
            var response = await bot.PostAsync(Activities.Invoke(channel.ServiceUrl(), FeedbackInvoke.Name, new JsonObject
            {
                ["actionName"] = "feedback",
                ["actionValue"] = new JsonObject { ["reaction"] = "dislike" },
            }).Also(a => a["replyToId"] = answer.ResponseId));

            Assert.Equal("message", (string?)answer.Body!["type"]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("feedback file", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
