using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot;

/// <summary>Reads the user's question out of an incoming message or card action.</summary>
public static partial class IncomingQuestion
{
    /// <summary>
    /// A card's <c>value.question</c> (or a string value, or <c>value.text</c>) when present, else the message text without
    /// the bot's @mentions; cleaned of control characters. Empty when the user sent nothing to answer.
    /// </summary>
    public static string Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var fromCard = FromValue(activity.Value);
        return Clean(fromCard ?? StripBotMentions(activity.Text ?? "", activity));
    }

    /// <summary>The question of an <c>adaptiveCard/action</c> invoke: <c>value.action.data.question</c>.</summary>
    public static string ReadInvoke(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = activity.Value is JsonObject value && value["action"] is JsonObject action ? action["data"] : null;
        return Clean(FromValue(data) ?? "");
    }

    /// <summary>
    /// Removes the mentions of the bot (by the mention entities, then any <c>&lt;at&gt;</c> tag with the bot's name) and keeps
    /// other people's names without their tags.
    /// </summary>
    public static string StripBotMentions(string text, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity?.Type != "mention" || botId is null || entity.Mentioned?.Id != botId) continue;
            if (entity.Text is JsonValue markup && markup.TryGetValue<string>(out var tag) && tag.Length > 0)
                text = text.Replace(tag, " ", StringComparison.Ordinal);
        }

        return UnwrapAtTags(text, activity.Recipient?.Name?.Trim()).Replace("&nbsp;", " ", StringComparison.Ordinal);
    }

    /// <summary>One linear pass: <c>&lt;at&gt;bot&lt;/at&gt;</c> becomes a space, <c>&lt;at&gt;someone&lt;/at&gt;</c> becomes <c>someone</c>.</summary>
    private static string UnwrapAtTags(string text, string? botName)
    {
        const string Open = "<at>", Close = "</at>";
        var sb = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf(Open, position, StringComparison.OrdinalIgnoreCase);
            var end = start < 0 ? -1 : text.IndexOf(Close, start + Open.Length, StringComparison.OrdinalIgnoreCase);
            if (end < 0) break;
            sb.Append(text, position, start - position);
            var name = text[(start + Open.Length)..end];
            sb.Append(botName is not null && string.Equals(name.Trim(), botName, StringComparison.OrdinalIgnoreCase) ? " " : name);
            position = end + Close.Length;
        }
        return sb.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Drops control and bidirectional-override characters, folds runs of spaces, trims.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\n') { sb.Append('\n'); continue; }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse) { sb.Append(' '); continue; }
            if (IsBidiControl(rune.Value)) continue;
            sb.Append(rune.ToString());
        }
        var folded = HorizontalSpace().Replace(sb.ToString(), " ");
        return BlankLines().Replace(SpaceAroundNewline().Replace(folded, "\n"), "\n\n").Trim();
    }

    private static string? FromValue(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o["question"] is JsonValue q && q.TryGetValue<string>(out var s) => s,
        JsonObject o when o["text"] is JsonValue t && t.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    private static bool IsBidiControl(int c) => c is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C;

    [GeneratedRegex(@"[ \t\u3000]{2,}")]
    private static partial Regex HorizontalSpace();

    [GeneratedRegex(@" ?\n ?")]
    private static partial Regex SpaceAroundNewline();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
