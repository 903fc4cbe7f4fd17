using System.Text.Json.Nodes;

namespace KenpoBot.Bot.Tests.Support;

/// <summary>Incoming activities shaped like the ones Teams and the Agents Playground send.</summary>
public static class Activities
{
    public const string BotId = "28:bot-id";
    public const string BotName = "KenpoBot";
    public const string ConversationId = "a:1;messageid=1700000000000";

    public static JsonObject Message(string serviceUrl, string? text, string channelId = "msteams", string? deliveryMode = null, string id = "1700000000001") =>
        Base("message", serviceUrl, channelId, deliveryMode, id, new JsonObject
        {
            ["text"] = text,
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
        });

    public static JsonObject ConversationUpdate(string serviceUrl, bool botAdded = true, string? deliveryMode = null)
    {
        var members = new JsonArray(new JsonObject { ["id"] = "29:user-id", ["name"] = "利用者" });
        if (botAdded) members.Add(new JsonObject { ["id"] = BotId, ["name"] = BotName });
        return Base("conversationUpdate", serviceUrl, "msteams", deliveryMode, "f:update", new JsonObject { ["membersAdded"] = members });
    }

    public static JsonObject Invoke(string serviceUrl, string name, JsonNode? value, string? deliveryMode = null) =>
        Base("invoke", serviceUrl, "msteams", deliveryMode, "f:invoke", new JsonObject { ["name"] = name, ["value"] = value });

    public static JsonObject Base(string type, string serviceUrl, string channelId, string? deliveryMode, string id, JsonObject extra)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = "2025-04-01T09:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = "29:user-id", ["name"] = "利用者", ["aadObjectId"] = "00000000-0000-0000-0000-000000000001" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "ja-JP" }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        };
        if (deliveryMode is not null) activity["deliveryMode"] = deliveryMode;
        foreach (var (k, v) in extra) activity[k] = v?.DeepClone();
        return activity;
    }
}
