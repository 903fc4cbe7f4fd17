using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KenpoBot.Bot.Feedback;

/// <summary>One question (by <see cref="QuestionKey"/>) as curators see it: how often, in its latest wording, with the comments.</summary>
public sealed record FeedbackGroup(int Count, string Question, IReadOnlyList<string> Intents, IReadOnlyList<string> Comments, DateTimeOffset Last);

/// <summary>
/// Reads the feedback file for curators: the thumbs-down answers and the questions the documents did not answer within a
/// period, grouped by normalised question, most frequent first (then most recent).
/// </summary>
public static class FeedbackReport
{
    /// <summary>The question shown for reactions to messages the log has no answer for.</summary>
    public const string UnknownAnswer = "（回答の記録がないメッセージ）";

    public static IReadOnlyList<FeedbackGroup> Dislikes(FeedbackDatabase database, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string Sql = """
            SELECT f.received_at, f.comment, a.question, a.question_key, a.intent, f.id
            FROM feedback f LEFT JOIN answers a ON a.id = f.answer_id
            WHERE f.reaction = 'dislike' AND f.received_at >= $from AND f.received_at < $to
            """;
        return Group(Read(database, Sql, from, to));
    }

    public static IReadOnlyList<FeedbackGroup> Unanswered(FeedbackDatabase database, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string Sql = """
            SELECT a.answered_at, f.comment, a.question, a.question_key, a.intent, a.id
            FROM answers a LEFT JOIN feedback f ON f.answer_id = a.id AND f.comment <> ''
            WHERE a.not_in_documents = 1 AND a.answered_at >= $from AND a.answered_at < $to
            """;
        return Group(Read(database, Sql, from, to));
    }

    private sealed record Row(DateTimeOffset At, string Comment, string Question, string Key, string Intent, long Id);

    private static List<Row> Read(FeedbackDatabase database, string sql, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.OpenForRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", FeedbackStore.Timestamp(from));
        command.Parameters.AddWithValue("$to", FeedbackStore.Timestamp(to));
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Text(reader, 1),
                reader.IsDBNull(2) ? UnknownAnswer : reader.GetString(2),
                Text(reader, 3),
                Text(reader, 4),
                reader.GetInt64(5)));
        }
        return rows;
    }

    private static string Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? "" : reader.GetString(i);

    /// <summary>One group per question key; a row per answer or reaction (comments joined in add rows, so count distinct ids).</summary>
    private static List<FeedbackGroup> Group(List<Row> rows) =>
        [.. rows.GroupBy(r => r.Key)
            .Select(g =>
            {
                var latest = g.MaxBy(r => r.At)!;
                return new FeedbackGroup(
                    g.Select(r => r.Id).Distinct().Count(),
                    latest.Question,
                    [.. g.Select(r => r.Intent).Where(i => i.Length > 0).Distinct().Order(StringComparer.Ordinal)],
                    [.. g.OrderByDescending(r => r.At).Select(r => r.Comment).Where(c => c.Length > 0).Distinct()],
                    latest.At);
            })
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Last).ThenBy(g => g.Question, StringComparer.Ordinal)];
}
