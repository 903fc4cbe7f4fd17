using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KenpoBot.Kpi;

/// <summary>The status of a KPI for one fiscal year (see shared/KPI-RULES.md). Serialised to JSON as its Japanese word.</summary>
[JsonConverter(typeof(KpiStatusJsonConverter))]
public enum KpiStatus
{
    [Description("達成")]
    Achieved,

    [Description("概ね達成")]
    MostlyAchieved,

    [Description("未達成")]
    NotAchieved,

    [Description("評価不能")]
    NotEvaluable,
}

/// <summary>The Japanese words of <see cref="KpiStatus"/>, read from each member's [Description]: the one place they are written.</summary>
public static class KpiStatusText
{
    private static readonly Dictionary<KpiStatus, string> Words = Enum.GetValues<KpiStatus>().ToDictionary(
        s => s,
        s => typeof(KpiStatus).GetField(s.ToString())!.GetCustomAttribute<DescriptionAttribute>()!.Description);

    /// <summary>達成 / 概ね達成 / 未達成 / 評価不能.</summary>
    public static string ToJapanese(this KpiStatus status) =>
        Words.TryGetValue(status, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(status), status, null);

    /// <summary>Accepts the Japanese word or the member name (case-insensitive).</summary>
    public static bool TryParse(string? text, out KpiStatus status)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        foreach (var (s, word) in Words)
        {
            if (word == t || string.Equals(s.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }
        return false;
    }
}

/// <summary>Writes the Japanese word; reads the Japanese word or the member name.</summary>
public sealed class KpiStatusJsonConverter : JsonConverter<KpiStatus>
{
    public override KpiStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return KpiStatusText.TryParse(text, out var status)
            ? status
            : throw new JsonException($"「{text}」は KPI の状態（達成 / 概ね達成 / 未達成 / 評価不能）ではありません。");
    }

    public override void Write(Utf8JsonWriter writer, KpiStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToJapanese());
}
