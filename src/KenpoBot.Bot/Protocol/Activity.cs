using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KenpoBot.Bot.Protocol;

/// <summary>
/// A Bot Framework activity: the subset of the schema KenpoBot reads or writes. Unknown fields are ignored on read
/// and null fields are left out on write.
/// </summary>
public sealed record Activity
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Summary { get; init; }
    public string? Locale { get; init; }
    public string? ReplyToId { get; init; }
    public string? InputHint { get; init; }
    public JsonNode? Value { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public JsonNode? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public string? AttachmentLayout { get; init; }
    public string? DeliveryMode { get; init; }
    public string? Name { get; init; }
    public string? Action { get; init; }
}

public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public bool? IsGroup { get; init; }
    public string? TenantId { get; init; }
}

/// <summary>An entity of an activity. Mentions are read through their typed fields; every other field of any kind is kept in <see cref="Properties"/>.</summary>
public sealed record Entity
{
    public string? Type { get; init; }

    /// <summary>The entity's other fields (streaminfo, the schema.org Message of AI answers, clientInfo…), written as they are.</summary>
    /// <remarks>A dictionary of elements: System.Text.Json writes a <see cref="JsonObject"/> extension property as invalid JSON.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>An entity of <paramref name="type"/> with <paramref name="fields"/> beside its type.</summary>
    public static Entity Of(string type, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new Entity
        {
            Type = type,
            Properties = fields.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, ProtocolJson.Options)),
        };
    }

    /// <summary>A copy of <see cref="Properties"/> as a JSON object.</summary>
    public JsonObject Fields()
    {
        var fields = new JsonObject();
        foreach (var (name, value) in Properties ?? []) fields[name] = JsonNode.Parse(value.GetRawText());
        return fields;
    }

    /// <summary>For a mention: who was mentioned.</summary>
    public ChannelAccount? Mentioned { get; init; }

    /// <summary>For a mention: the markup in the activity's text, e.g. <c>&lt;at&gt;KenpoBot&lt;/at&gt;</c>.</summary>
    public JsonNode? Text { get; init; }
}

public sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? ContentUrl { get; init; }
    public JsonNode? Content { get; init; }
    public string? Name { get; init; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
    public const string MessageReaction = "messageReaction";
    public const string InstallationUpdate = "installationUpdate";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

/// <summary>The HTTP status and body that answer an invoke activity.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body);

/// <summary>The body of the HTTP 200 that answers an <c>expectReplies</c> activity.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

/// <summary>What the connector answers to a sent activity.</summary>
public sealed record ResourceResponse(string? Id);
