using System.Globalization;
using KenpoBot.Assistant;
using KenpoBot.Corpus;
using KenpoBot.Kpi;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// KPI evaluations as the rows of a KPI card (a label for what varies between them, the figures, the status colour, and the
/// rule behind a per-row toggle) and, for one metric across scopes, as the points of a bar chart.
/// </summary>
internal static class KpiRows
{
    /// <summary>Characters of the longest text bar of the chart's fallback.</summary>
    private const int BarWidth = 20;

    public sealed record Fact(string Title, string Value);

    /// <summary>One KPI: <see cref="Key"/> prefixes the ids of its toggled elements (<c>{key}-detail</c>, <c>-open</c>, <c>-close</c>).</summary>
    public sealed record Row(
        string Key, string Label, string Scope, string Year, string Name, string Target, string Actual, string Degree,
        string Status, string Color, string Rule, IReadOnlyList<Fact> Facts)
    {
        public string ToggleTitle => $"{Label}の判定の根拠";
    }

    public sealed record Point(string X, decimal Y, string Color);

    public sealed record Bar(string Label, string Text, string Value, string Color);

    /// <summary>A horizontal bar chart (<see cref="Data"/>) and the same as text bars for clients without charts (<see cref="Bars"/>).</summary>
    public sealed record Chart(string Title, string Axis, IReadOnlyList<Point> Data, IReadOnlyList<Bar> Bars);

    /// <summary>What the first column is called: what varies between the rows.</summary>
    public static string LabelHeader(IReadOnlyList<KpiEvaluationView> views)
    {
        var (scopes, years, metrics) = Varying(views);
        if (metrics || !scopes && !years) return "KPI";
        if (scopes && !years) return views.All(v => ScopeName(v.Scope).EndsWith("支部", StringComparison.Ordinal)) ? "支部" : "範囲";
        return scopes ? "対象" : "年度";
    }

    /// <summary>The rows, numbered from <paramref name="first"/> so toggle ids stay unique across pages.</summary>
    public static List<Row> From(IReadOnlyList<KpiEvaluationView> views, int first = 1)
    {
        var (scopes, years, metrics) = Varying(views);
        return [.. views.Select((v, i) => ToRow(v, $"kpi{first + i}", Label(v, scopes, years, metrics || !scopes && !years)))];
    }

    /// <summary>One metric across two or more scopes, in the order given (a ranking's order): a bar per scope with a result.</summary>
    public static Chart? ChartOf(IReadOnlyList<KpiEvaluationView> views)
    {
        if (views.Count < 2 || views.Select(v => v.Metric).Distinct().Count() != 1 || string.IsNullOrEmpty(views[0].Metric)) return null;
        if (views.Select(v => v.Scope).Distinct().Count() < 2) return null;
        var (_, years, _) = Varying(views);
        var shown = views.Where(v => v.Actual is not null).ToList();
        if (shown.Count < 2) return null;

        var max = shown.Max(v => Math.Max(0, v.Actual!.Value));
        var points = shown.Select(v => new Point(Label(v, true, years, false), v.Actual!.Value, StatusColors.Of(v.Status).Chart)).ToList();
        var bars = shown.Select(v => new Bar(
            Label(v, true, years, false),
            max <= 0 ? "" : new string('█', Math.Max(v.Actual > 0 ? 1 : 0, (int)Math.Round(Math.Max(0, v.Actual!.Value) / max * BarWidth))),
            Actual(v),
            StatusColors.Of(v.Status).Text)).ToList();
        var first = views[0];
        var name = string.IsNullOrWhiteSpace(first.MetricName) ? first.Name : first.MetricName;
        var unit = string.IsNullOrEmpty(first.Unit) ? "" : $"（{first.Unit}）";
        return new Chart(name + unit, "実績" + unit, points, bars);
    }

    private static Row ToRow(KpiEvaluationView v, string key, string label)
    {
        var facts = new List<Fact>
        {
            new("対象", $"{ScopeName(v.Scope)} {JapaneseYears.Wareki(v.FiscalYear)}"),
            new("目標", Target(v)),
            new("実績", Actual(v)),
        };
        if (v.Ratio is { } ratio) facts.Add(new("達成度", KpiFormat.Degree(ratio)));
        if (!string.IsNullOrWhiteSpace(v.GapText)) facts.Add(new("目標との差", v.GapText));
        return new Row(key, label, ScopeName(v.Scope), JapaneseYears.Wareki(v.FiscalYear), v.Name, Target(v), Actual(v),
            v.Ratio is { } r ? KpiFormat.Degree(r) : "—", v.Status, StatusColors.Of(v.Status).Text, v.Rule, facts);
    }

    private static string Label(KpiEvaluationView v, bool scope, bool year, bool metric)
    {
        var parts = new List<string>();
        if (scope) parts.Add(ScopeName(v.Scope));
        if (year) parts.Add(JapaneseYears.Wareki(v.FiscalYear));
        if (metric) parts.Add(string.IsNullOrWhiteSpace(v.MetricName) ? v.Name : v.MetricName);
        return string.Join(" ", parts);
    }

    private static (bool Scopes, bool Years, bool Metrics) Varying(IReadOnlyList<KpiEvaluationView> views) => (
        views.Select(v => v.Scope).Distinct().Count() > 1,
        views.Select(v => v.FiscalYear).Distinct().Count() > 1,
        views.Select(v => string.IsNullOrEmpty(v.Metric) ? v.KpiId : v.Metric).Distinct().Count() > 1);

    private static string Target(KpiEvaluationView v) => string.IsNullOrWhiteSpace(v.TargetText) ? Number(v.Target) : v.TargetText;

    private static string Actual(KpiEvaluationView v) => string.IsNullOrWhiteSpace(v.ActualText) ? Number(v.Actual) : v.ActualText;

    private static string ScopeName(string scope) => Corpus.Scope.TryParse(scope, out var s) ? s.DisplayName : scope;

    private static string Number(decimal? value) =>
        value is { } v ? v.ToString("#,0.############", CultureInfo.InvariantCulture) : "—";
}
