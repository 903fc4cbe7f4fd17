using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace KenpoBot.Bot.Feedback;

/// <summary>
/// The feedback SQLite file: created with its folder on first use, in WAL mode, its schema version in
/// <c>PRAGMA user_version</c>. Tables: <c>answers</c> (one row per answered question), <c>answer_messages</c> (the sent
/// activity ids of each answer, by conversation), <c>feedback</c> (one reaction per user and message; the latest wins) and
/// <c>settings</c> (the generated hash key). Version 2 added <c>feedback.answer_match</c>: how the reaction found its answer.
/// </summary>
public sealed class FeedbackDatabase(string path)
{
    public const int SchemaVersion = 2;

    private const string SchemaV1 = """
        CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS answers (
            id INTEGER PRIMARY KEY,
            answered_at TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            question TEXT NOT NULL,
            question_key TEXT NOT NULL,
            intent TEXT NOT NULL,
            not_in_documents INTEGER NOT NULL,
            by_model INTEGER NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS answers_by_time ON answers (answered_at);
        CREATE TABLE IF NOT EXISTS answer_messages (
            conversation_key TEXT NOT NULL,
            activity_id TEXT NOT NULL,
            answer_id INTEGER NOT NULL REFERENCES answers (id),
            PRIMARY KEY (conversation_key, activity_id));
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY,
            received_at TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            reply_to_id TEXT NOT NULL,
            answer_id INTEGER REFERENCES answers (id),
            reaction TEXT NOT NULL CHECK (reaction IN ('like', 'dislike')),
            comment TEXT NOT NULL,
            user_hash TEXT NOT NULL,
            UNIQUE (conversation_key, reply_to_id, user_hash) ON CONFLICT REPLACE);
        CREATE INDEX IF NOT EXISTS feedback_by_time ON feedback (received_at);
        """;

    /// <summary>'reply_to_id': by the message id Teams sent (no answer when that message is unknown); 'latest': no id came, so the conversation's latest answer.</summary>
    private const string SchemaV2 = """
        ALTER TABLE feedback ADD COLUMN answer_match TEXT NOT NULL DEFAULT 'reply_to_id' CHECK (answer_match IN ('reply_to_id', 'latest'));
        """;

    private readonly Lock _gate = new();
    private bool _ready;

    /// <summary>The full path; a path the system cannot take is kept as given and fails, logged, at first use.</summary>
    public string Path { get; } = FullPath(path);

    private static string FullPath(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    public bool Exists => File.Exists(Path);

    /// <summary>An open connection to a file with the current schema, creating both when missing.</summary>
    public SqliteConnection OpenForWrite()
    {
        lock (_gate)
        {
            if (!_ready)
            {
                var folder = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            var connection = Open(SqliteOpenMode.ReadWriteCreate);
            try
            {
                if (!_ready) Migrate(connection);
                _ready = true;
                // WAL's recommended setting: a commit survives a crash of the process; only a power cut may lose the last ones.
                Execute(connection, "PRAGMA synchronous = NORMAL;");
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    /// <summary>A read-only connection to an existing file; fails on a file of a newer schema.</summary>
    public SqliteConnection OpenForRead()
    {
        var connection = Open(SqliteOpenMode.ReadOnly);
        var version = Scalar<long>(connection, "PRAGMA user_version;");
        if (version > SchemaVersion)
        {
            connection.Dispose();
            throw new InvalidOperationException($"The feedback file {Path} has schema version {version}; this build knows {SchemaVersion}.");
        }
        return connection;
    }

    /// <summary>The key of the user-id hash kept in the file, made on first use.</summary>
    public byte[] StoredHashKey(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO settings (name, value) VALUES ('user_hash_key', $key);";
            insert.Parameters.AddWithValue("$key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            insert.ExecuteNonQuery();
        }
        return Convert.FromBase64String(Scalar<string>(connection, "SELECT value FROM settings WHERE name = 'user_hash_key';"));
    }

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = mode,
            ForeignKeys = true,
            // A locked file makes a write wait this long, not the default 30 s: the turn must not hang on it.
            DefaultTimeout = 5,
            Pooling = true,
        }.ToString());
        connection.Open();
        return connection;
    }

    private void Migrate(SqliteConnection connection)
    {
        var version = Scalar<long>(connection, "PRAGMA user_version;");
        if (version > SchemaVersion)
            throw new InvalidOperationException($"The feedback file {Path} has schema version {version}; this build knows {SchemaVersion} and leaves it alone.");
        Execute(connection, "PRAGMA journal_mode = WAL;");
        if (version == SchemaVersion) return;
        using var transaction = connection.BeginTransaction();
        if (version < 1) Execute(connection, SchemaV1, transaction);
        if (version < 2) Execute(connection, SchemaV2, transaction);
        Execute(connection, $"PRAGMA user_version = {SchemaVersion};", transaction);
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
