using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// An Adaptive Card template kept as an embedded JSON resource and filled with data. It understands the small subset of the
/// Adaptive Cards Templating language the cards use: <c>${path}</c> in strings (<c>$root.</c> and <c>$data</c> allowed),
/// <c>"$data": "${list}"</c> to repeat an element per item, and <c>"$when": "${path}"</c> / <c>"${!path}"</c> to keep an
/// element only when the value is non-empty. A string that is exactly one <c>${path}</c> takes the value's JSON type.
/// </summary>
public sealed partial class CardTemplate
{
    private static readonly ConcurrentDictionary<string, Lazy<CardTemplate>> Cache = new(StringComparer.Ordinal);

    private readonly JsonObject _template;

    private CardTemplate(string name, JsonObject template)
    {
        Name = name;
        _template = template;
    }

    public string Name { get; }

    /// <summary>The template <c>Cards/{name}.json</c>, parsed once.</summary>
    public static CardTemplate Load(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<CardTemplate>(() => Read(n))).Value;

    /// <summary>A template from JSON text, for tests of the templating itself.</summary>
    internal static CardTemplate Parse(string name, string json) => new(name, (JsonObject)JsonNode.Parse(json)!);

    public JsonObject Expand(JsonNode? data)
    {
        var scope = new Scope(data, data);
        return (JsonObject)ExpandObject(_template, scope)!;
    }

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

    private readonly record struct Scope(JsonNode? Root, JsonNode? Data);

    private static IEnumerable<JsonNode?> ExpandElement(JsonNode? node, Scope scope)
    {
        if (node is not JsonObject obj)
        {
            yield return ExpandValue(node, scope);
            yield break;
        }

        if (obj.TryGetPropertyValue("$data", out var dataExpr))
        {
            var items = dataExpr is JsonValue v && v.TryGetValue<string>(out var text) ? Interpolate(text, scope) : dataExpr;
            var list = items switch
            {
                JsonArray array => array.ToList(),
                null => [],
                _ => [items],
            };
            foreach (var item in list)
            {
                var expanded = ExpandObject(obj, scope with { Data = item });
                if (expanded is not null) yield return expanded;
            }
            yield break;
        }

        var single = ExpandObject(obj, scope);
        if (single is not null) yield return single;
    }

    /// <summary>The object with its values filled in, or null when its <c>$when</c> is false.</summary>
    private static JsonObject? ExpandObject(JsonObject obj, Scope scope)
    {
        if (obj.TryGetPropertyValue("$when", out var when) && !IsTruthy(when, scope)) return null;

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "$data" or "$when") continue;
            var expanded = value is JsonObject child ? ExpandElement(child, scope).FirstOrDefault() : ExpandValue(value, scope);
            if (expanded is not null) result[key] = expanded;
        }
        return result;
    }

    private static JsonNode? ExpandValue(JsonNode? node, Scope scope) => node switch
    {
        JsonArray array => new JsonArray([.. array.SelectMany(item => ExpandElement(item, scope))]),
        JsonObject obj => ExpandObject(obj, scope),
        JsonValue value when value.TryGetValue<string>(out var text) => Interpolate(text, scope),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonNode? Interpolate(string text, Scope scope)
    {
        var whole = WholeExpression().Match(text);
        if (whole.Success) return Evaluate(whole.Groups[1].Value, scope)?.DeepClone();

        return Expression().Replace(text, m => Evaluate(m.Groups[1].Value, scope) switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var other => other.ToJsonString(),
        });
    }

    private static bool IsTruthy(JsonNode? when, Scope scope)
    {
        if (when is not JsonValue v || !v.TryGetValue<string>(out var text)) return Truthy(when);
        var match = WholeExpression().Match(text);
        if (!match.Success) return Truthy(when);
        var expr = match.Groups[1].Value.Trim();
        return expr.StartsWith('!') ? !Truthy(Evaluate(expr[1..], scope)) : Truthy(Evaluate(expr, scope));
    }

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject => true,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d != 0,
        _ => true,
    };

    /// <summary>Resolves <c>a.b</c>, <c>$data</c>, <c>$data.a</c> or <c>$root.a</c>; null when any step is missing.</summary>
    private static JsonNode? Evaluate(string path, Scope scope)
    {
        var steps = path.Trim().Split('.');
        var (node, start) = steps[0] switch
        {
            "$root" => (scope.Root, 1),
            "$data" => (scope.Data, 1),
            _ => (scope.Data, 0),
        };
        for (var i = start; i < steps.Length && node is not null; i++)
            node = node is JsonObject obj && obj.TryGetPropertyValue(steps[i], out var next) ? next : null;
        return node;
    }

    [GeneratedRegex(@"^\$\{([^{}]+)\}$")]
    private static partial Regex WholeExpression();

    [GeneratedRegex(@"\$\{([^{}]+)\}")]
    private static partial Regex Expression();
}
