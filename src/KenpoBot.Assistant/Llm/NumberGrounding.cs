using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace KenpoBot.Assistant.Llm;

/// <summary>
/// Checks that every number the model wrote appears in what this turn's tools returned (or in the question): a figure
/// found nowhere was made up. Tool results count with every number they hold, in fields and in their text (a snippet's
/// 令和5年度 is 2023), their year ranges (2024-2026), and a list's positions and length (「3件」「1位」).
/// </summary>
public static partial class NumberGrounding
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The numbers of <paramref name="text"/> as written that neither the tools nor the question hold; empty when grounded.</summary>
    public static IReadOnlyList<string> Ungrounded(string text, string question, IEnumerable<object?> toolResults)
    {
        var known = new HashSet<decimal>();
        foreach (var result in toolResults) Collect(ToNode(result), known);
        AddText(question, known);
        return NumberReader.Read(text).Where(n => !known.Contains(n.Value) && !known.Any(n.Matches)).Select(n => n.Text).ToList();
    }

    private static JsonNode? ToNode(object? result)
    {
        if (result is null) return null;
        try
        {
            return JsonSerializer.SerializeToNode(result, result.GetType(), Json);
        }
        catch (NotSupportedException)
        {
            return JsonValue.Create(result.ToString());
        }
    }

    private static void Collect(JsonNode? node, HashSet<decimal> known)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) Collect(child, known);
                break;
            case JsonArray a:
                for (var i = 1; i <= a.Count; i++) known.Add(i);
                foreach (var child in a) Collect(child, known);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                known.Add(Math.Abs(decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                AddText(v.GetValue<string>(), known);
                break;
        }
    }

    private static void AddText(string text, HashSet<decimal> known)
    {
        foreach (var number in NumberReader.Read(text)) known.Add(number.Value);
        foreach (Match range in YearRange().Matches(text))
        {
            var (from, to) = (int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture));
            for (var year = from; year <= to && to - from < 20; year++) known.Add(year);
        }
    }

    [GeneratedRegex(@"(20[0-9]{2})\s*[-–〜~～]\s*(20[0-9]{2})")]
    private static partial Regex YearRange();
}
