using KenpoBot.Assistant;
using KenpoBot.Bot.Feedback;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KenpoBot.Bot.Tests;

/// <summary>The feedback file's schema versions, on real SQLite files.</summary>
public sealed class FeedbackDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kenpobot-feedback-db-" + Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_folder, "deep", "feedback.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private void Execute(string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SentAnswer Sent(string id) =>
        new(DateTimeOffset.UtcNow, "msteams/t/c", "返納金債権とは？", new Answer("返納金債権とは？", Intent.Glossary, "…", [], [], []), [id]);

    [Fact]
    public async Task Version1File_GainsAnswerMatch_KeepsItsRows()
    {
        Execute("""
            CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE answers (id INTEGER PRIMARY KEY, answered_at TEXT NOT NULL, conversation_key TEXT NOT NULL, question TEXT NOT NULL,
                question_key TEXT NOT NULL, intent TEXT NOT NULL, not_in_documents INTEGER NOT NULL, by_model INTEGER NOT NULL, answer TEXT NOT NULL,
                citations TEXT NOT NULL);
            CREATE TABLE answer_messages (conversation_key TEXT NOT NULL, activity_id TEXT NOT NULL, answer_id INTEGER NOT NULL REFERENCES answers (id),
                PRIMARY KEY (conversation_key, activity_id));
            CREATE TABLE feedback (id INTEGER PRIMARY KEY, received_at TEXT NOT NULL, conversation_key TEXT NOT NULL, reply_to_id TEXT NOT NULL,
                answer_id INTEGER REFERENCES answers (id), reaction TEXT NOT NULL CHECK (reaction IN ('like', 'dislike')), comment TEXT NOT NULL,
                user_hash TEXT NOT NULL, UNIQUE (conversation_key, reply_to_id, user_hash) ON CONFLICT REPLACE);
            INSERT INTO feedback (received_at, conversation_key, reply_to_id, reaction, comment, user_hash) VALUES ('2026-11-01T00:00:00.000Z', 'k', 'm0', 'like', '', 'h');
            PRAGMA user_version = 1;
            """);
        var store = new FeedbackStore(new FeedbackDatabase(FilePath), new FeedbackOptions(), NullLogger<FeedbackStore>.Instance);

        await store.RecordAnswerAsync(Sent("m1"), CancellationToken.None);
        var outcome = await store.RecordReactionAsync(new MessageReaction(DateTimeOffset.UtcNow, "msteams/t/c", null, "dislike", "", "msteams/u"), CancellationToken.None);

        Assert.Equal(ReactionOutcome.Stored, outcome);
        Assert.Equal(2L, Scalar("PRAGMA user_version"));
        Assert.Equal("reply_to_id", Scalar("SELECT answer_match FROM feedback WHERE reply_to_id = 'm0'"));
        Assert.Equal("latest", Scalar("SELECT answer_match FROM feedback WHERE reply_to_id = 'm1'"));
    }

    [Fact]
    public async Task AnswerSentWithoutIds_AReactionWithoutReplyToId_StillFindsIt()
    {
        // Agents Playground answers a text+card message 202 without an id, and its reactions name no message.
        var store = new FeedbackStore(new FeedbackDatabase(FilePath), new FeedbackOptions(), NullLogger<FeedbackStore>.Instance);
        await store.RecordAnswerAsync(Sent("m1"), CancellationToken.None);
        await store.RecordAnswerAsync(Sent("m1") with { Question = "二つ目", ActivityIds = [] }, CancellationToken.None);

        var first = await store.RecordReactionAsync(new MessageReaction(DateTimeOffset.UtcNow, "msteams/t/c", null, "like", "", "msteams/u"), CancellationToken.None);
        var again = await store.RecordReactionAsync(new MessageReaction(DateTimeOffset.UtcNow, "msteams/t/c", null, "dislike", "", "msteams/u"), CancellationToken.None);

        Assert.Equal(ReactionOutcome.Stored, first);
        Assert.Equal(ReactionOutcome.Stored, again);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM feedback"));
        Assert.Equal("二つ目", Scalar("SELECT a.question FROM feedback f JOIN answers a ON a.id = f.answer_id WHERE f.reaction = 'dislike' AND f.answer_match = 'latest'"));
        Assert.Equal("answer:2", Scalar("SELECT reply_to_id FROM feedback"));
    }

    [Fact]
    public async Task NewerFile_LeftAlone_TheFailureLogged_NothingThrown()
    {
        Execute("CREATE TABLE other (x); PRAGMA user_version = 99;");
        var logs = new ListLogger();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var store = new FeedbackStore(new FeedbackDatabase(FilePath), new FeedbackOptions(), factory.CreateLogger<FeedbackStore>());

        await store.RecordAnswerAsync(Sent("m1"), CancellationToken.None);
        await store.FlushAsync();

        Assert.Equal(99L, Scalar("PRAGMA user_version"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'answers'"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task ManyAnswersAtOnce_EveryOneIsStored_WhenTheStoreIsDisposed()
    {
        // Answers are written in the background, in batches; a shutdown (the host disposing the store) writes what is still queued.
        var store = new FeedbackStore(new FeedbackDatabase(FilePath), new FeedbackOptions(), NullLogger<FeedbackStore>.Instance);
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i =>
            Task.Run(() => store.RecordAnswerAsync(Sent($"m{i}") with { Question = $"質問{i}" }, CancellationToken.None))));

        await store.DisposeAsync();
        await store.RecordAnswerAsync(Sent("late") with { Question = "停止後" }, CancellationToken.None);

        Assert.Equal(601L, Scalar("SELECT COUNT(*) FROM answers"));
        Assert.Equal(601L, Scalar("SELECT COUNT(DISTINCT question) FROM answers"));
        Assert.Equal(601L, Scalar("SELECT COUNT(*) FROM answer_messages"));
    }

    [Fact]
    public async Task SaltConfigured_SameUserSameHash_OtherSaltOtherHash()
    {
        async Task<string> HashWith(string salt, string file)
        {
            var store = new FeedbackStore(new FeedbackDatabase(Path.Combine(_folder, file)), new FeedbackOptions { FeedbackSalt = salt }, NullLogger<FeedbackStore>.Instance);
            await store.RecordAnswerAsync(Sent("m1"), CancellationToken.None);
            await store.RecordReactionAsync(new MessageReaction(DateTimeOffset.UtcNow, "msteams/t/c", "m1", "like", "", "msteams/00000000-0000-0000-0000-000000000001"), CancellationToken.None);
            using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, file)};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT user_hash FROM feedback";
            return (string)command.ExecuteScalar()!;
        }

        var a = await HashWith("secret-a", "a.db");
        var again = await HashWith("secret-a", "a2.db");
        var b = await HashWith("secret-b", "b.db");

        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
        Assert.DoesNotContain("00000000-0000-0000-0000-000000000001", a);
    }
}
