using System.Text.Json.Nodes;

namespace KenpoBot.Bot.Tests;

/// <summary>Reads a filled KPI card the way a client renders it: rows that toggle, the elements they toggle, texts, facts, the chart.</summary>
internal static class KpiCardShape
{
    /// <summary>Every element of the card, depth first, including those inside a fallback.</summary>
    public static IEnumerable<JsonObject> Elements(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                    if (child is not null) foreach (var e in Elements(child)) yield return e;
                break;
            case JsonArray array:
                foreach (var child in array)
                    if (child is not null) foreach (var e in Elements(child)) yield return e;
                break;
        }
    }

    /// <summary>The table's KPI rows: column sets whose select action toggles visibility.</summary>
    public static IEnumerable<JsonObject> Rows(JsonObject card) =>
        Elements(card["body"]!).Where(e => (string?)e["type"] == "ColumnSet" && (string?)e["selectAction"]?["type"] == "Action.ToggleVisibility");

    public static List<string> Targets(JsonObject row) => [.. row["selectAction"]!["targetElements"]!.AsArray().Select(t => (string)t!)];

    public static List<string> Ids(JsonObject card) => [.. Elements(card["body"]!).Select(e => (string?)e["id"]).OfType<string>()];

    public static JsonObject ById(JsonObject card, string id) => Elements(card["body"]!).Single(e => (string?)e["id"] == id);

    /// <summary>The hidden container a row opens (the target that is a container).</summary>
    public static JsonObject Detail(JsonObject card, JsonObject row) =>
        Targets(row).Select(id => ById(card, id)).Single(e => (string?)e["type"] == "Container");

    /// <summary>The first text of each column (empty for a column without text).</summary>
    public static List<string> Cells(JsonNode columnSet) =>
        [.. columnSet["columns"]!.AsArray().Select(c => ((string?)c!["items"]![0]!["text"] ?? "").Trim())];

    public static List<string> Texts(JsonNode node) =>
        [.. Elements(node).Where(e => (string?)e["type"] == "TextBlock").Select(e => (string)e["text"]!)];

    /// <summary>Texts shown before anything is toggled: none inside an element with isVisible false.</summary>
    public static IEnumerable<string> VisibleTexts(JsonNode node)
    {
        if (node is JsonObject obj && obj["isVisible"] is JsonValue v && !v.GetValue<bool>()) yield break;
        if (node is JsonObject text && (string?)text["type"] == "TextBlock") yield return (string)text["text"]!;
        var children = node switch
        {
            JsonObject o => o.Where(p => p.Key != "fallback").Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
            if (child is not null) foreach (var t in VisibleTexts(child)) yield return t;
    }

    public static List<(string, string)> Facts(JsonNode node) =>
        [.. Elements(node).Where(e => (string?)e["type"] == "FactSet").SelectMany(f => f["facts"]!.AsArray()).Select(f => ((string)f!["title"]!, (string)f["value"]!))];

    public static JsonObject? Chart(JsonObject card) => Elements(card["body"]!).SingleOrDefault(e => ((string?)e["type"])?.StartsWith("Chart.", StringComparison.Ordinal) == true);
}
