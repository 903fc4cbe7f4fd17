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
        var properties = new JsonObject
        {
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = "",
        };
        if (byModel) properties["additionalType"] = new JsonArray(AiGeneratedContent);
        if (hasClaims) properties["citation"] = claims!.DeepClone();
        return Entity.Of(MessageType, properties);
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
