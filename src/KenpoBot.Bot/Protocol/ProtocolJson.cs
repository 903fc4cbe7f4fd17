using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text;
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
            Converters = { new MeasuredCardConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A composed card's JSON as sent, and its size.</summary>
    private sealed record MeasuredCard(byte[] Utf8, int Size)
    {
        public static MeasuredCard Of(byte[] utf8) => new(utf8, Encoding.UTF8.GetCharCount(utf8) * 2);
    }

    private static readonly ConditionalWeakTable<JsonObject, MeasuredCard> Cards = new();

    /// <summary>
    /// A card's <see cref="Utf16Size"/>, measured once: a composed card is not changed afterwards. Its JSON is kept with it and
    /// written as is wherever the card is sent (<see cref="MeasuredCardConverter"/>), so a card is serialized once.
    /// </summary>
    public static int CardSize(JsonObject card) =>
        Cards.GetValue(card, c => MeasuredCard.Of(Serialize(c, buffer => buffer.WrittenSpan.ToArray()))).Size;

    /// <summary>
    /// A card written as JSON by <paramref name="write"/> (with these options' encoder), measured and kept as
    /// <see cref="CardSize"/> keeps it; the node returned is read from that JSON only when something looks into it.
    /// </summary>
    public static JsonObject WrittenCard(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var utf8 = Write(write, buffer => buffer.WrittenSpan.ToArray());
        // Read in place (the kept array is never changed), not copied: the node is made from it only when looked into.
        var root = JsonDocument.Parse(utf8.AsMemory()).RootElement;
        var card = root.ValueKind == JsonValueKind.Object ? JsonObject.Create(root)! : throw new InvalidOperationException("A card must be a JSON object.");
        Cards.AddOrUpdate(card, MeasuredCard.Of(utf8));
        return card;
    }

    /// <summary>
    /// An activity's <see cref="Utf16Size"/>, its cards counted by <see cref="CardSize"/>: the activity is serialized with a
    /// one-character stand-in for each card, whose size is then swapped for the card's.
    /// </summary>
    public static int ActivitySize(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Attachments is not { Count: > 0 } attachments || !attachments.All(a => a.Content is JsonObject)) return Utf16Size(activity);
        var standIns = activity with { Attachments = [.. attachments.Select(a => a with { Content = JsonValue.Create(0) })] };
        return Utf16Size(standIns) + attachments.Sum(a => CardSize((JsonObject)a.Content!) - 2);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The size of a JSON payload as Teams counts it: UTF-16 code units, two bytes each. Counted from the UTF-8 the serializer
    /// writes into a buffer kept per thread, so that measuring makes no string.
    /// </summary>
    public static int Utf16Size(object value) => Serialize(value, buffer => Encoding.UTF8.GetCharCount(buffer.WrittenSpan) * 2);

    private static T Serialize<T>(object value, Func<ArrayBufferWriter<byte>, T> read)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Write(writer => JsonSerializer.Serialize(writer, value, value.GetType(), Options), read);
    }

    private static T Write<T>(Action<Utf8JsonWriter> write, Func<ArrayBufferWriter<byte>, T> read)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder });
        writer.Reset(buffer);
        try
        {
            write(writer);
            writer.Flush();
            return read(buffer);
        }
        finally
        {
            if (buffer.Capacity > 1024 * 1024) (t_buffer, t_writer) = (null, null); // an outsized payload does not stay
        }
    }

    /// <summary>Writes a card measured by <see cref="CardSize"/> from its kept JSON (made with these options); any other node as usual.</summary>
    private sealed class MeasuredCardConverter : JsonConverter<JsonNode>
    {
        public override JsonNode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonNode.Parse(ref reader, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive });

        public override void Write(Utf8JsonWriter writer, JsonNode value, JsonSerializerOptions options)
        {
            if (value is JsonObject card && Cards.TryGetValue(card, out var measured)) writer.WriteRawValue(measured.Utf8, skipInputValidation: true);
            else value.WriteTo(writer, options);
        }
    }
}
