using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using KenpoBot.Assistant;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Feedback;

/// <summary>An answer as sent: what was asked, what came back, and the ids of the messages that carried it.</summary>
public sealed record SentAnswer(DateTimeOffset At, string ConversationKey, string Question, Answer Answer, IReadOnlyList<string> ActivityIds);

/// <summary>
/// A thumbs up or down on a message; <see cref="User"/> is the raw user key, hashed before it is stored. A null
/// <see cref="ReplyToId"/> (Agents Playground sends none) means the conversation's latest answer.
/// </summary>
public sealed record MessageReaction(DateTimeOffset At, string ConversationKey, string? ReplyToId, string Reaction, string Comment, string User);

public enum ReactionOutcome
{
    Stored,

    /// <summary>No message id came and the conversation has no answer to give the reaction to: nothing stored.</summary>
    NoAnswer,

    /// <summary>The file could not be written (logged).</summary>
    Failed,
}

/// <summary>
/// Writes answers and reactions to the feedback file. Never throws: a full disk or a locked file is logged and the turn
/// goes on. Answers are queued and written in the background, those queued within 50 ms in one transaction; a reaction,
/// <see cref="FlushAsync"/> and disposal (the host's shutdown) write what is queued first, so a reaction always finds the
/// answers sent before it and nothing queued is dropped on shutdown. Writes are serialised in this process; other processes
/// wait on SQLite's lock for a few seconds at most.
/// </summary>
public sealed partial class FeedbackStore : IAsyncDisposable, IDisposable
{
    /// <summary>Answers longer than this are kept cut; the question is bounded by MaxQuestionLength already.</summary>
    public const int MaxStoredAnswer = 8000;

    /// <summary>Answers waiting to be written; past this a turn waits for room (it never drops one).</summary>
    public const int QueueCapacity = 4096;

    private const int MaxBatch = 256;

    /// <summary>How long the writer waits, once an answer is queued, for others to write with it.</summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(50);

    private readonly FeedbackDatabase database;
    private readonly FeedbackOptions options;
    private readonly ILogger<FeedbackStore> logger;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Channel<AnswerRow> _pending = Channel.CreateBounded<AnswerRow>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });
    private readonly Lazy<Task> _writer;
    private UserIdHasher? _hasher;

    public FeedbackStore(FeedbackDatabase database, FeedbackOptions options, ILogger<FeedbackStore> logger)
    {
        this.database = database;
        this.options = options;
        this.logger = logger;
        _writer = new Lazy<Task>(() => Task.Run(WriteQueuedAsync));
    }

    public string Path => database.Path;

    /// <summary>Queues the answer for the background writer; returns once it is queued (at once unless the queue is full).</summary>
    public async Task RecordAnswerAsync(SentAnswer sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        _ = _writer.Value;
        var row = AnswerRow.Of(sent);
        if (_pending.Writer.TryWrite(row)) return;
        try
        {
            await _pending.Writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Shutting down: written here and now.
            await UnderWritesAsync(() => Write([row]), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every answer queued so far.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => UnderWritesAsync(WriteQueued, cancellationToken);

    /// <summary>Runs <paramref name="write"/> as this process's one writer of the file.</summary>
    private async Task UnderWritesAsync(Action write, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            write();
        }
        finally
        {
            _writes.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        if (_writer.IsValueCreated) await _writer.Value.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteQueuedAsync()
    {
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Answers arriving together share one transaction: a transaction per answer or two was most of the file's cost.
            await Task.Delay(GatherWindow).ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Under <see cref="_writes"/>: the queue, in batches of one transaction each.</summary>
    private void WriteQueued()
    {
        var batch = new List<AnswerRow>();
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var sent)) batch.Add(sent);
            if (batch.Count == 0) return;
            Write(batch);
        }
    }

    private void Write(IReadOnlyList<AnswerRow> batch)
    {
        try
        {
            using var connection = database.OpenForWrite();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO answers (answered_at, conversation_key, question, question_key, intent, not_in_documents, by_model, answer, citations)
                VALUES ($at, $conversation, $question, $key, $intent, $notInDocuments, $byModel, $answer, $citations)
                RETURNING id;
                """;
            using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = "INSERT OR REPLACE INTO answer_messages (conversation_key, activity_id, answer_id) VALUES ($conversation, $activity, $answer);";
            foreach (var row in batch)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$at", row.At);
                insert.Parameters.AddWithValue("$conversation", row.ConversationKey);
                insert.Parameters.AddWithValue("$question", row.Question);
                insert.Parameters.AddWithValue("$key", row.QuestionKey);
                insert.Parameters.AddWithValue("$intent", row.Intent);
                insert.Parameters.AddWithValue("$notInDocuments", row.NotInDocuments ? 1 : 0);
                insert.Parameters.AddWithValue("$byModel", row.ByModel ? 1 : 0);
                insert.Parameters.AddWithValue("$answer", row.Text);
                insert.Parameters.AddWithValue("$citations", row.Citations);
                var id = (long)insert.ExecuteScalar()!;

                foreach (var activityId in row.ActivityIds)
                {
                    link.Parameters.Clear();
                    link.Parameters.AddWithValue("$conversation", row.ConversationKey);
                    link.Parameters.AddWithValue("$activity", activityId);
                    link.Parameters.AddWithValue("$answer", id);
                    link.ExecuteNonQuery();
                }
            }
            transaction.Commit();
        }
        catch (Exception ex)
        {
            LogAnswersNotStored(logger, ex, batch.Count, database.Path);
        }
    }

    /// <summary>Stores a reaction against the answer its message carried (the latest one replaces the user's earlier reaction to it).</summary>
    public async Task<ReactionOutcome> RecordReactionAsync(MessageReaction reaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reaction);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteQueued(); // the answer it reacts to may still be queued
            using var connection = database.OpenForWrite();
            var replyTo = reaction.ReplyToId;
            var match = "reply_to_id";
            long? latestAnswer = null;
            if (replyTo is null)
            {
                var latest = LatestAnswer(connection, reaction.ConversationKey);
                if (latest is null) return ReactionOutcome.NoAnswer;
                (latestAnswer, replyTo) = latest.Value;
                match = "latest";
            }

            _hasher ??= new UserIdHasher(options.FeedbackSalt is { Length: > 0 } salt ? Encoding.UTF8.GetBytes(salt) : database.StoredHashKey(connection));
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO feedback (received_at, conversation_key, reply_to_id, answer_id, reaction, comment, user_hash, answer_match)
                VALUES ($at, $conversation, $replyTo,
                        COALESCE($answerId, (SELECT answer_id FROM answer_messages WHERE conversation_key = $conversation AND activity_id = $replyTo)),
                        $reaction, $comment, $user, $match);
                """;
            insert.Parameters.AddWithValue("$at", Timestamp(reaction.At));
            insert.Parameters.AddWithValue("$conversation", reaction.ConversationKey);
            insert.Parameters.AddWithValue("$replyTo", replyTo);
            insert.Parameters.AddWithValue("$answerId", latestAnswer is { } answerId ? answerId : DBNull.Value);
            insert.Parameters.AddWithValue("$reaction", reaction.Reaction);
            insert.Parameters.AddWithValue("$comment", reaction.Comment);
            insert.Parameters.AddWithValue("$user", _hasher.Hash(reaction.User));
            insert.Parameters.AddWithValue("$match", match);
            insert.ExecuteNonQuery();
            return ReactionOutcome.Stored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReactionNotStored(logger, ex, database.Path);
            return ReactionOutcome.Failed;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// The conversation's latest answer and the id of its first message, or null when it has none. An answer whose messages
    /// the connector gave no id (Agents Playground answers a text+card message 202 without one) is named
    /// 「answer:{id}」, so one reaction per user and answer still holds.
    /// </summary>
    private static (long Answer, string ReplyTo)? LatestAnswer(Microsoft.Data.Sqlite.SqliteConnection connection, string conversationKey)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT a.id, (SELECT m.activity_id FROM answer_messages m WHERE m.answer_id = a.id AND m.conversation_key = a.conversation_key ORDER BY m.rowid LIMIT 1)
            FROM answers a WHERE a.conversation_key = $conversation
            ORDER BY a.id DESC LIMIT 1;
            """;
        query.Parameters.AddWithValue("$conversation", conversationKey);
        using var reader = query.ExecuteReader();
        if (!reader.Read()) return null;
        var id = reader.GetInt64(0);
        return (id, reader.IsDBNull(1) ? string.Create(CultureInfo.InvariantCulture, $"answer:{id}") : reader.GetString(1));
    }

    /// <summary>
    /// An answer as its row is written, made when it is queued: the queue holds these few strings rather than the answer with
    /// its evaluations and passages, which would otherwise outlive the turn until the writer runs.
    /// </summary>
    private sealed record AnswerRow(string At, string ConversationKey, string Question, string QuestionKey, string Intent,
        bool NotInDocuments, bool ByModel, string Text, string Citations, IReadOnlyList<string> ActivityIds)
    {
        public static AnswerRow Of(SentAnswer sent)
        {
            var answer = sent.Answer;
            var text = answer.Text ?? "";
            return new AnswerRow(Timestamp(sent.At), sent.ConversationKey, sent.Question, Feedback.QuestionKey.Of(sent.Question),
                answer.Intent.ToString(), Assistant.NotInDocuments.Is(answer), answer.ByModel,
                text.Length <= MaxStoredAnswer ? text : text[..MaxStoredAnswer], JsonSerializer.Serialize(answer.Citations ?? [], Json),
                [.. sent.ActivityIds.Where(a => !string.IsNullOrEmpty(a)).Distinct()]);
        }
    }

    /// <summary>UTC, fixed width, so text order is time order.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} answer(s) in the feedback file {Path}; the replies were sent")]
    private static partial void LogAnswersNotStored(ILogger logger, Exception exception, int count, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a reaction in the feedback file {Path}")]
    private static partial void LogReactionNotStored(ILogger logger, Exception exception, string path);
}
