using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// An Adaptive Card template kept as an embedded JSON resource and filled with data. It understands the small subset of the
/// Adaptive Cards Templating language the cards use: <c>${path}</c> in strings (<c>$root.</c> and <c>$data</c> allowed),
/// <c>"$data": "${list}"</c> to repeat an element per item, and <c>"$when": "${path}"</c> / <c>"${!path}"</c> to keep an
/// element only when the value is non-empty. A string that is exactly one <c>${path}</c> takes the value's JSON type.
/// The template is compiled once into a tree whose strings and expressions are already split; filling it reads no JSON text and
/// writes the card's JSON straight, building no node per value.
/// </summary>
public sealed partial class CardTemplate
{
    private static readonly ConcurrentDictionary<string, Lazy<CardTemplate>> Cache = new(StringComparer.Ordinal);

    private readonly ObjectNode _root;

    private CardTemplate(string name, JsonObject template)
    {
        Name = name;
        _root = (ObjectNode)Compile(template);
    }

    public string Name { get; }

    /// <summary>The template <c>Cards/{name}.json</c>, parsed once.</summary>
    public static CardTemplate Load(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<CardTemplate>(() => Read(n))).Value;

    /// <summary>A template from JSON text, for tests of the templating itself.</summary>
    internal static CardTemplate Parse(string name, string json) => new(name, (JsonObject)JsonNode.Parse(json)!);

    public WrittenCard Expand(JsonNode? data) => Fill(data);

    /// <summary>
    /// The card for typed data (or nodes), serialized with <see cref="ProtocolJson.Options"/> and read in place while the card is
    /// written (a <see cref="JsonElement"/> of its own would copy the data and its parse once more for every card).
    /// </summary>
    public WrittenCard Fill(object? data)
    {
        using var document = JsonSerializer.SerializeToDocument(data, ProtocolJson.Options);
        return Expand(document.RootElement);
    }

    /// <summary>
    /// The card for <paramref name="data"/>, written straight as the JSON that is sent (the data read in place) and measured
    /// once (<see cref="ProtocolJson.WriteCard"/>); it is read back as nodes only when something looks into it. The data is
    /// serialized with <see cref="ProtocolJson.Options"/>, whose encoder writes the card: its values are copied as they are.
    /// </summary>
    public WrittenCard Expand(JsonElement data) => ProtocolJson.WriteCard(writer =>
    {
        if (!_root.TryWrite(writer, new Scope(data, data), null)) writer.WriteNullValue();
    });

    private static CardTemplate Read(string name)
    {
        var resource = $"{typeof(CardTemplate).Namespace}.{name}.json";
        using var stream = typeof(CardTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Card template '{name}' is missing: no embedded resource '{resource}'.");
        try
        {
            return JsonNode.Parse(stream) is JsonObject card
                ? new CardTemplate(name, card)
                : throw new InvalidOperationException($"Card template '{name}' is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Card template '{name}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The data's root and the current <c>$data</c>; a JSON null or a missing value is <c>default</c> (Undefined).</summary>
    private readonly record struct Scope(JsonElement Root, JsonElement Data);

    private static bool Missing(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    private static Node Compile(JsonNode? node) => node switch
    {
        null => NullNode.Instance,
        JsonObject obj => CompileObject(obj),
        JsonArray array => new ArrayNode([.. array.Select(Compile)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>()),
        _ => new LiteralNode(JsonSerializer.SerializeToElement(node, ProtocolJson.Options)),
    };

    private static ObjectNode CompileObject(JsonObject obj)
    {
        Node? data = null;
        if (obj.TryGetPropertyValue("$data", out var dataExpr))
            data = dataExpr is JsonValue v && v.GetValueKind() == JsonValueKind.String ? CompileString(v.GetValue<string>()) : new LiteralNode(JsonSerializer.SerializeToElement(dataExpr, ProtocolJson.Options));
        var when = obj.TryGetPropertyValue("$when", out var whenExpr) ? CompileWhen(whenExpr) : null;
        var properties = obj.Where(p => p.Key is not ("$data" or "$when")).Select(p => (Encoded(p.Key), Compile(p.Value))).ToArray();
        return new ObjectNode(properties, data, when);
    }

    private static Node CompileString(string text)
    {
        var whole = WholeExpression().Match(text);
        if (whole.Success) return new PathNode(Path.Of(whole.Groups[1].Value));
        var matches = Expression().Matches(text);
        if (matches.Count == 0) return new StringNode(Encoded(text));
        var parts = new List<object>();
        var at = 0;
        foreach (Match m in matches)
        {
            if (m.Index > at) parts.Add(text[at..m.Index]);
            parts.Add(Path.Of(m.Groups[1].Value));
            at = m.Index + m.Length;
        }
        if (at < text.Length) parts.Add(text[at..]);
        return new InterpolationNode([.. parts]);
    }

    /// <summary>A <c>$when</c>: a path (negated by <c>!</c>) or a constant truth.</summary>
    private static When CompileWhen(JsonNode? when)
    {
        var constant = new When(null, false, Truthy(JsonSerializer.SerializeToElement(when)));
        if (when is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return constant;
        var match = WholeExpression().Match(v.GetValue<string>());
        if (!match.Success) return constant;
        var expr = match.Groups[1].Value.Trim();
        return expr.StartsWith('!') ? new When(Path.Of(expr[1..]), true, false) : new When(Path.Of(expr), false, false);
    }

    private static bool Truthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => false,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.String => !value.ValueEquals(""u8),
        JsonValueKind.Number => !value.TryGetDecimal(out var d) || d != 0,
        _ => true,
    };

    /// <summary><c>a.b</c>, <c>$data</c>, <c>$data.a</c> or <c>$root.a</c>, split once.</summary>
    private sealed record Path(bool FromRoot, string[] Steps)
    {
        private readonly byte[][] utf8 = [.. Steps.Select(Encoding.UTF8.GetBytes)];

        public static Path Of(string text)
        {
            var steps = text.Trim().Split('.');
            return steps[0] switch
            {
                "$root" => new Path(true, steps[1..]),
                "$data" => new Path(false, steps[1..]),
                _ => new Path(false, steps),
            };
        }

        /// <summary>The value at the path; <c>default</c> when any step is missing. Names match ignoring case, as the data's were.</summary>
        public JsonElement Evaluate(Scope scope)
        {
            var value = FromRoot ? scope.Root : scope.Data;
            for (var i = 0; i < Steps.Length && !Missing(value); i++)
                value = value.ValueKind == JsonValueKind.Object && Property(value, i) is { } next ? next : default;
            return value;
        }

        private JsonElement? Property(JsonElement obj, int step)
        {
            if (obj.TryGetProperty(utf8[step], out var exact)) return exact;
            var name = Steps[step];
            foreach (var property in obj.EnumerateObject())
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
            return null;
        }
    }

    private sealed record When(Path? Path, bool Negated, bool Constant)
    {
        public bool Holds(Scope scope) => Path is null ? Constant : Truthy(Path.Evaluate(scope)) != Negated;
    }

    /// <summary>A part of the template, written straight into the card's JSON.</summary>
    private abstract class Node
    {
        /// <summary>Writes <paramref name="name"/> (when given) and the filled value; nothing, and false, when there is no value.</summary>
        public abstract bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name);

        /// <summary>The node as array items: an object with <c>$data</c> gives one element per item, others one each (null when empty).</summary>
        public virtual void WriteElements(Utf8JsonWriter writer, Scope scope)
        {
            if (!TryWrite(writer, scope, null)) writer.WriteNullValue();
        }

        /// <summary>The node as a property value: an object's first element, or nothing.</summary>
        public virtual void WriteProperty(Utf8JsonWriter writer, Scope scope, JsonEncodedText name) => TryWrite(writer, scope, name);

        /// <summary>The value to read, not to place in the card (a <c>$data</c> list).</summary>
        public virtual JsonElement Read(Scope scope)
        {
            // With the card's own encoder: the items read are copied into the card as they are written here.
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ProtocolJson.Options.Encoder }))
                if (!TryWrite(writer, scope, null)) return default;
            return JsonElement.Parse(buffer.WrittenSpan);
        }
    }

    private sealed class NullNode : Node
    {
        public static readonly NullNode Instance = new();

        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name) => false;
    }

    /// <summary>JSON the template gives as it is: a number, a boolean, or a <c>$data</c> list written out rather than as an expression.</summary>
    private sealed class LiteralNode(JsonElement value) : Node
    {
        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name) => Value(writer, value, name);

        public override JsonElement Read(Scope scope) => value;
    }

    private sealed class StringNode(JsonEncodedText text) : Node
    {
        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name)
        {
            WriteName(writer, name);
            writer.WriteStringValue(text);
            return true;
        }
    }

    /// <summary>A string that is exactly one expression: the value with its JSON type.</summary>
    private sealed class PathNode(Path path) : Node
    {
        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name) => Value(writer, path.Evaluate(scope), name);

        public override JsonElement Read(Scope scope) => path.Evaluate(scope);
    }

    private sealed class InterpolationNode(object[] parts) : Node
    {
        [ThreadStatic]
        private static StringBuilder? t_text;

        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name)
        {
            // One builder per thread: an expression's text is written before another can start on this thread.
            var text = t_text ??= new StringBuilder();
            text.Clear();
            foreach (var part in parts)
            {
                if (part is string literal)
                {
                    text.Append(literal);
                    continue;
                }
                var value = ((Path)part).Evaluate(scope);
                if (Missing(value)) continue;
                // A string as it is; anything else as JSON with the default options (as JsonNode.ToJsonString writes it).
                text.Append(value.ValueKind == JsonValueKind.String ? value.GetString() : JsonSerializer.Serialize(value));
            }
            WriteName(writer, name);
            var chunks = text.GetChunks();
            if (chunks.MoveNext() && chunks.Current.Length == text.Length) writer.WriteStringValue(chunks.Current.Span);
            else writer.WriteStringValue(text.ToString());
            if (text.Capacity > 16 * 1024) t_text = null; // an outsized text does not stay
            return true;
        }
    }

    private sealed class ArrayNode(Node[] items) : Node
    {
        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name)
        {
            WriteName(writer, name);
            writer.WriteStartArray();
            foreach (var item in items) item.WriteElements(writer, scope);
            writer.WriteEndArray();
            return true;
        }
    }

    private sealed class ObjectNode((JsonEncodedText Key, Node Value)[] properties, Node? data, When? when) : Node
    {
        /// <summary>The object with its values filled in; nothing when its <c>$when</c> is false.</summary>
        public override bool TryWrite(Utf8JsonWriter writer, Scope scope, JsonEncodedText? name)
        {
            if (when is not null && !when.Holds(scope)) return false;
            WriteName(writer, name);
            writer.WriteStartObject();
            foreach (var (key, value) in properties) value.WriteProperty(writer, scope, key);
            writer.WriteEndObject();
            return true;
        }

        public override void WriteElements(Utf8JsonWriter writer, Scope scope)
        {
            if (data is null)
            {
                TryWrite(writer, scope, null);
                return;
            }
            foreach (var item in Items(scope)) TryWrite(writer, scope with { Data = item }, null);
        }

        public override void WriteProperty(Utf8JsonWriter writer, Scope scope, JsonEncodedText name)
        {
            if (data is null)
            {
                TryWrite(writer, scope, name);
                return;
            }
            foreach (var item in Items(scope))
                if (TryWrite(writer, scope with { Data = item }, name)) return;
        }

        private List<JsonElement> Items(Scope scope)
        {
            var items = data!.Read(scope);
            if (Missing(items)) return [];
            return items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [items];
        }
    }

    private static void WriteName(Utf8JsonWriter writer, JsonEncodedText? name)
    {
        if (name is { } known) writer.WritePropertyName(known);
    }

    /// <summary>Template text escaped once, by the encoder that writes the card.</summary>
    private static JsonEncodedText Encoded(string text) => JsonEncodedText.Encode(text, ProtocolJson.Options.Encoder);

    /// <summary>A value of the data as it is, under <paramref name="name"/>; nothing for null or a missing value.</summary>
    private static bool Value(Utf8JsonWriter writer, JsonElement value, JsonEncodedText? name)
    {
        if (Missing(value)) return false;
        WriteName(writer, name);
        // Written by the card's own encoder already (the data and literals are serialized with ProtocolJson.Options): copied as
        // it is, not unescaped and escaped again.
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
        return true;
    }

    [GeneratedRegex(@"^\$\{([^{}]+)\}$")]
    private static partial Regex WholeExpression();

    [GeneratedRegex(@"\$\{([^{}]+)\}")]
    private static partial Regex Expression();
}
