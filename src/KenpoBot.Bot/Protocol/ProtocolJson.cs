using System.Buffers;
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

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The size of a JSON payload as Teams counts it: UTF-16 code units, two bytes each. Counted from the UTF-8 the serializer
    /// writes into a buffer kept per thread, so that measuring a card (done several times per answer) makes no string.
    /// </summary>
    public static int Utf16Size(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder });
        writer.Reset(buffer);
        try
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), Options);
            writer.Flush();
            return Encoding.UTF8.GetCharCount(buffer.WrittenSpan) * 2;
        }
        finally
        {
            if (buffer.Capacity > 1024 * 1024) (t_buffer, t_writer) = (null, null); // an outsized payload does not stay
        }
    }
}
