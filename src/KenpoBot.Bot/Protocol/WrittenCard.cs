using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KenpoBot.Bot.Protocol;

/// <summary>
/// A card as composed: its JSON exactly as it is sent (written with <see cref="ProtocolJson.Options"/>' encoder) and its size as
/// Teams counts it. Nothing on the way out reads it back: an attachment carries it as a JSON value written as these bytes
/// (<see cref="AsContent"/>); its nodes are parsed only when something looks into it (<see cref="Node"/>, tests).
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class WrittenCard
{
    private readonly byte[] utf8;
    private JsonObject? node;

    internal WrittenCard(byte[] utf8)
    {
        this.utf8 = utf8;
        Size = Encoding.UTF8.GetCharCount(utf8) * 2;
    }

    /// <summary>The card's size as <see cref="ProtocolJson.Utf16Size"/> counts it: UTF-16 code units, two bytes each.</summary>
    public int Size { get; }

    /// <summary>The card's JSON text.</summary>
    public string Json => Encoding.UTF8.GetString(utf8);

    /// <summary>The card as nodes, parsed from its JSON when first asked.</summary>
    public JsonObject Node => node ??= JsonNode.Parse(utf8) as JsonObject ?? throw new InvalidOperationException("A card must be a JSON object.");

    /// <summary>Shorthand for <c>Node[name]</c>.</summary>
    public JsonNode? this[string name] => Node[name];

    /// <summary>The card as an attachment's content: a JSON value that serializes as the card's JSON.</summary>
    public JsonNode AsContent() => JsonValue.Create(this)!;

    /// <summary>The written card an attachment's content carries, if it carries one.</summary>
    public static bool TryFrom(JsonNode? content, out WrittenCard card)
    {
        card = null!;
        return content is JsonValue value && value.TryGetValue(out card!);
    }

    private sealed class Converter : JsonConverter<WrittenCard>
    {
        public override WrittenCard Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A written card is only sent.");

        public override void Write(Utf8JsonWriter writer, WrittenCard value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.utf8, skipInputValidation: true);
    }
}
