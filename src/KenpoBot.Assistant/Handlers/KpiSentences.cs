using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;
using KenpoBot.Kpi;

namespace KenpoBot.Assistant.Handlers;

/// <summary>The sentences KPI answers are made of, so that every handler writes a figure the same way.</summary>
public static class KpiSentences
{
    public static Unit UnitOf(KpiEvaluationView v) => UnitText.TryParse(v.Unit, out var unit) ? unit : Unit.None;

    public static string Value(decimal value, KpiEvaluationView v) => KpiFormat.Value(value, UnitOf(v));

    public static string Difference(decimal value, KpiEvaluationView v) => KpiFormat.Difference(value, UnitOf(v));

    /// <summary>The published result, or 「未公表」.</summary>
    public static string Result(KpiEvaluationView v) =>
        v.ActualText.Length > 0 ? v.ActualText : v.Actual is { } a ? Value(a, v) : "未公表";

    /// <summary>The KPI's wording, quoted: 「事業者健診データ取得率を22.2%以上とする」.</summary>
    public static string Target(KpiEvaluationView v) => $"「{v.Name}」";

    /// <summary>「目標 22.2%以上に対し実績 19.7%、達成度 88.7% で未達成」.</summary>
    public static string Status(KpiEvaluationView v) =>
        v.Status == KpiStatus.NotEvaluable.ToJapanese()
            ? $"評価不能（{v.Rule}）"
            : $"{v.Status}（{v.Rule}）";

    public static string Baseline(KpiEvaluationView v) =>
        v is { Baseline: { } b, BaselineYear: { } y } ? $"（参考：{JapaneseYears.Wareki(y)}末 {b}）" : "";

    public static string Population(KpiEvaluationView v) =>
        v.TargetPopulation is { } p ? $"（実施対象者数 {KpiFormat.People(p)}）" : "";

    /// <summary>The first number of a published text: 「50.8%（270,116事業所）」 → 50.8.</summary>
    public static decimal? FirstNumber(string? text)
    {
        if (text is null) return null;
        var m = System.Text.RegularExpressions.Regex.Match(JapaneseYears.Normalize(text), @"\d[\d,]*(?:\.\d+)?");
        return m.Success && decimal.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
