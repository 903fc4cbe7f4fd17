using System.Buffers;
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
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A card written as JSON by <paramref name="write"/> with these options' encoder, kept as written and measured once.</summary>
    public static WrittenCard WriteCard(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new WrittenCard(Write(write, buffer => buffer.WrittenSpan.ToArray()));
    }

    /// <summary>
    /// An activity's <see cref="Utf16Size"/>, its written cards counted by their <see cref="WrittenCard.Size"/>: the activity is
    /// serialized with a one-character stand-in for each card, whose size is then swapped for the card's.
    /// </summary>
    public static int ActivitySize(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Attachments is not { Count: > 0 } attachments || !attachments.All(a => WrittenCard.TryFrom(a.Content, out _))) return Utf16Size(activity);
        var standIns = activity with { Attachments = [.. attachments.Select(a => a with { Content = JsonValue.Create(0) })] };
        return Utf16Size(standIns) + attachments.Sum(a => WrittenCard.TryFrom(a.Content, out var card) ? card.Size - 2 : 0);
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

    /// <summary>The UTF-8 JSON of a value, lent for the length of the call.</summary>
    public delegate void Utf8Reader(ReadOnlySpan<byte> utf8);

    /// <summary>
    /// Serializes <paramref name="value"/> whole into the buffer kept per thread and lends it to <paramref name="read"/>. A
    /// serializer writing into a response itself asks it for one buffer as large as a card (kept cards are written whole), which
    /// the response rents from the shared array pool anew on every request.
    /// </summary>
    public static void Serialize(object value, Utf8Reader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Serialize(value, buffer =>
        {
            read(buffer.WrittenSpan);
            return 0;
        });
    }

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
}
