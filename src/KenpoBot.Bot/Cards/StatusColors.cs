using KenpoBot.Kpi;

namespace KenpoBot.Bot.Cards;

/// <summary>The one place a KPI status gets its colour: met is good, nearly met a warning, missed needs attention.</summary>
public static class StatusColors
{
    /// <summary>The colour of a status in text (<c>TextBlock.color</c>) and in a chart (a well-known chart colour).</summary>
    public sealed record StatusColor(string Text, string Chart);

    private static readonly StatusColor Neutral = new("Default", "neutral");

    public static StatusColor Of(KpiStatus? status) => status switch
    {
        KpiStatus.Achieved => new("Good", "good"),
        KpiStatus.MostlyAchieved => new("Warning", "warning"),
        KpiStatus.NotAchieved => new("Attention", "attention"),
        _ => Neutral,
    };

    /// <summary>The colour of a status given as text (達成, 概ね達成…); an unknown word is neutral.</summary>
    public static StatusColor Of(string? status) => Of(KpiStatusText.TryParse(status, out var s) ? s : null);
}
