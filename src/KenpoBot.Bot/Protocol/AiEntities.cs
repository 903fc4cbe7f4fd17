using System.Text.Json;
using System.Text.Json.Nodes;

namespace KenpoBot.Bot.Protocol;

/// <summary>The entities of Teams' AI message conventions: the schema.org Message (AI label, citations) and streaminfo.</summary>
public static class AiEntities
{
    public const string MessageType = "https://schema.org/Message";
    public const string AiGeneratedContent = "AIGeneratedContent";
    public const string StreamInfoType = "streaminfo";

    /// <summary>
    /// The schema.org Message entity: labelled AI-generated when a model wrote the text, carrying the claims when there are
    /// any; null when it would say nothing.
    /// </summary>
    public static Entity? Message(bool byModel, JsonArray? claims)
    {
        var hasClaims = claims is { Count: > 0 };
        if (!byModel && !hasClaims) return null;
        // The fields as the elements an entity keeps (Entity.Of would copy the claims into a new object first, then serialize them).
        var properties = new Dictionary<string, JsonElement>(5)
        {
            ["@type"] = MessageFields.Type,
            ["@context"] = MessageFields.Context,
            ["@id"] = MessageFields.Id,
        };
        if (byModel) properties["additionalType"] = MessageFields.AdditionalType;
        if (hasClaims) properties["citation"] = JsonSerializer.SerializeToElement(claims, ProtocolJson.Options);
        return new Entity { Type = MessageType, Properties = properties };
    }

    /// <summary>The Message entity's constant fields, read once (elements of a document that is never changed or disposed).</summary>
    private static class MessageFields
    {
        public static readonly JsonElement Type = JsonElement.Parse("\"Message\"");
        public static readonly JsonElement Context = JsonElement.Parse("\"https://schema.org\"");
        public static readonly JsonElement Id = JsonElement.Parse("\"\"");
        public static readonly JsonElement AdditionalType = JsonSerializer.SerializeToElement(new[] { AiGeneratedContent }, ProtocolJson.Options);
    }

    /// <summary>The streaminfo entity; the first update has no stream id yet and the final one no sequence.</summary>
    public static Entity StreamInfo(string? streamId, string streamType, int? sequence)
    {
        var properties = new JsonObject();
        if (streamId is not null) properties["streamId"] = streamId;
        properties["streamType"] = streamType;
        if (sequence is { } n) properties["streamSequence"] = n;
        return Entity.Of(StreamInfoType, properties);
    }

    /// <summary>Teams' thumbs up and down under a message (<c>channelData.feedbackLoopEnabled</c>), keeping other channel data.</summary>
    public static JsonObject WithFeedbackLoop(JsonNode? channelData)
    {
        var data = channelData is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        data["feedbackLoopEnabled"] = true;
        return data;
    }
}

public static class StreamTypes
{
    public const string Informative = "informative";
    public const string Streaming = "streaming";
    public const string Final = "final";
}
