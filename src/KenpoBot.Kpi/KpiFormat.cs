using System.Globalization;
using KenpoBot.Corpus;

namespace KenpoBot.Kpi;

/// <summary>Numbers as the rule texts show them. Culture-invariant, so a rule reads the same on every machine.</summary>
public static class KpiFormat
{
    /// <summary>"92.41%", "7,125円", "47支部": percentages keep their published digits.</summary>
    public static string Value(decimal value, Unit unit) =>
        unit == Unit.Percent
            ? value.ToString(CultureInfo.InvariantCulture) + "%"
            : value.ToString("#,0.############", CultureInfo.InvariantCulture) + unit.ToText();

    /// <summary>A gap: "2.59ポイント" for %, "31事業所" otherwise.</summary>
    public static string Difference(decimal value, Unit unit) =>
        unit == Unit.Percent ? value.ToString(CultureInfo.InvariantCulture) + "ポイント" : Value(value, unit);

    /// <summary>
    /// A ratio as a percentage with one decimal (0.97274 → "97.3%"). When rounding would carry the figure over a threshold the
    /// ratio has not reached (95% for 概ね達成, 100% for 達成), it is truncated to two decimals instead (0.94996 → "94.99%").
    /// </summary>
    public static string Degree(decimal ratio)
    {
        var percent = ratio * 100m;
        var shown = Math.Round(percent, 1, MidpointRounding.AwayFromZero);
        if ((percent < 95m && shown >= 95m) || (percent < 100m && shown >= 100m))
            shown = Math.Truncate(percent * 100m) / 100m;
        return shown.ToString("0.0#", CultureInfo.InvariantCulture) + "%";
    }

    public static string People(long people) => people.ToString("#,0", CultureInfo.InvariantCulture) + "人";
}
