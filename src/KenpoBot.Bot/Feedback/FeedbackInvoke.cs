using System.Text.Json;
using System.Text.Json.Nodes;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Feedback;

/// <summary>
/// Reads the <c>message/submitAction</c> invoke Teams sends when a feedback button is used:
/// <c>value: { actionName: "feedback", actionValue: { reaction: "like"|"dislike", feedback: "{\"feedbackText\":\"…\"}" } }</c>
/// and <c>replyToId</c> naming the message (Agents Playground sends none: then it is null). Never throws: anything else is
/// a Japanese error for a 400.
/// </summary>
public static class FeedbackInvoke
{
    public const string Name = "message/submitAction";
    public const string ActionName = "feedback";

    /// <summary>Comments are kept up to this many characters (Teams' own box is far shorter).</summary>
    public const int MaxComment = 4000;

    /// <summary>Activity ids Teams sends are short; anything longer is not one.</summary>
    public const int MaxReplyToId = 256;

    public sealed record Parsed(string Reaction, string Comment, string? ReplyToId);

    /// <summary>True for a feedback submission; <paramref name="error"/> is set when it is malformed (then <paramref name="parsed"/> is null).</summary>
    public static bool TryRead(Activity activity, out Parsed? parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(activity);
        parsed = null;
        error = null;
        try
        {
            if (activity.Value is not JsonObject value || Text(value["actionName"]) != ActionName)
            {
                error = "フィードバックの内容を読み取れません。";
                return false;
            }

            var action = value["actionValue"] as JsonObject;
            var reaction = Text(action?["reaction"]);
            if (reaction is not ("like" or "dislike"))
            {
                error = "フィードバックの評価（like または dislike）がありません。";
                return false;
            }

            var replyTo = string.IsNullOrWhiteSpace(activity.ReplyToId) ? null : activity.ReplyToId;
            if (replyTo?.Length > MaxReplyToId)
            {
                error = "フィードバックの対象のメッセージがわかりません。";
                return false;
            }

            parsed = new Parsed(reaction, Comment(action!["feedback"]), replyTo);
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // Duplicate keys and wrongly typed nodes surface only when read.
            error = "フィードバックの内容を読み取れません。";
            return false;
        }
    }

    /// <summary>The user's comment: <c>feedbackText</c> of the JSON string (or object) Teams sends; a non-JSON string as it is.</summary>
    private static string Comment(JsonNode? feedback)
    {
        string? text = feedback switch
        {
            JsonObject o => Text(o["feedbackText"]),
            JsonValue v when v.TryGetValue<string>(out var s) => FromJsonString(s),
            _ => null,
        };
        var clean = IncomingQuestion.Clean(text ?? "");
        return clean.Length <= MaxComment ? clean : clean[..MaxComment];
    }

    private static string? FromJsonString(string s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        try
        {
            return JsonNode.Parse(s) switch
            {
                JsonObject o => Text(o["feedbackText"]),
                JsonValue v when v.TryGetValue<string>(out var inner) => inner,
                // A comment that happens to be JSON (「123」「true」) is the user's words.
                _ => s,
            };
        }
        catch (JsonException)
        {
            return s;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
