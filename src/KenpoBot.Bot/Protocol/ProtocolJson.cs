using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace KenpoBot.Bot.Protocol;

/// <summary>The one JSON shape of the protocol: camelCase, nulls left out, unknown fields ignored, Japanese written as is.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            MaxDepth = 64,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The size of a JSON payload as Teams counts it: UTF-16 code units, two bytes each.</summary>
    public static int Utf16Size(object value) => JsonSerializer.Serialize(value, Options).Length * 2;
}
