using System.ComponentModel;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Plugins;

/// <summary>A search hit as the tools return it.</summary>
public sealed record PlanPassage(
    [property: Description("entry kind: Section, Kpi or Glossary")] EntryKind Kind,
    [property: Description("section reference (docId#anchor), KPI id or glossary term")] string Id,
    string DocumentId,
    string DocumentTitle,
    [property: Description("heading path of the section")] string Section,
    string Scope,
    [property: Description("fiscal years, e.g. 2024-2026")] string FiscalYears,
    string Snippet,
    float Score)
{
    // A search hit's snippet is highlighted when first read: most hits are ranked or filtered, never quoted.
    private SearchHit? hit;
    private string? snippet = Snippet;

    internal PlanPassage(SearchHit hit) : this(hit.Entry.Kind, hit.Entry.Id, hit.Entry.DocumentId, hit.Entry.DocumentTitle,
        hit.Entry.HeadingPath, hit.Entry.Scope, hit.Entry.FiscalYears.ToString(), null!, hit.Score)
    {
        this.hit = hit;
    }

    [Description("the matching passage")]
    public string Snippet
    {
        get => snippet ??= hit!.Snippet;
        init => (snippet, hit) = (value, null);
    }
}

/// <summary>A glossary look-up: the entry and how it was matched.</summary>
public sealed record TermLookup(
    bool Found,
    [property: Description("exact, synonym, reading, or contained")] string MatchedBy,
    GlossaryEntry? Entry);

/// <summary>The KPI status of one scope and year, with counts.</summary>
public sealed record ScopeStatus(KpiSummaryView Summary, IReadOnlyList<KpiEvaluationView> Kpis);

public static partial class Views
{
    public static KpiEvaluationView From(KpiEvaluation e)
    {
        var d = e.Definition;
        return new KpiEvaluationView(d.Id, Wording(e), d.Scope.DisplayName, e.FiscalYear, TargetText(e), e.Target, e.Actual, e.Previous,
            e.AchievementDegree, e.Rule, e.Status.ToJapanese())
        {
            ActualText = e.ActualText ?? "",
            RatioText = e.AchievementDegree is { } r ? KpiFormat.Degree(r) : "",
            Metric = d.Metric,
            MetricName = d.MetricName,
            Unit = d.Target.Unit.ToText(),
            Baseline = d.Baseline,
            BaselineYear = d.BaselineYear,
            TargetPopulation = d.TargetPopulation,
            Gap = e.Gap,
            GapPeople = e.GapPeople,
            GapText = e.GapText,
            DocumentId = d.DocumentId,
        };
    }

    /// <summary>
    /// The KPI's wording, unless a branch's wording has numbers and none is the branch's target: 003's FY2023 table prints the
    /// association's wording (「…9.6％以上とする」) on every branch row, with the branch's own value (秋田 22.2%) in its KPI column.
    /// Such a row reads 「事業者健診データ取得率を22.2%以上とする」, so that no answer shows two targets.
    /// </summary>
    public static string Wording(KpiEvaluation e)
    {
        var d = e.Definition;
        if (d.Scope.IsAssociation || e.Target is not { } target || d.Target.Kind is not (TargetKind.AbsoluteHigher or TargetKind.AbsoluteLower))
        {
            return d.Wording;
        }

        var numbers = WordingNumber().Matches(JapaneseYears.Normalize(d.Wording))
            .Select(m => decimal.Parse(m.Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return numbers.Count == 0 || numbers.Contains(target) ? d.Wording : $"{d.MetricName}を{TargetText(e)}とする";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial System.Text.RegularExpressions.Regex WordingNumber();

    /// <summary>The target as a manager reads it: 「22.2%以上」「前年度 95.42%以上」「20%以下」「実施」.</summary>
    public static string TargetText(KpiEvaluation e)
    {
        var kind = e.Definition.Target.Kind;
        if (kind == TargetKind.Done) return "実施";
        var direction = kind is TargetKind.AbsoluteLower or TargetKind.PreviousLower ? "以下" : "以上";
        if (e.Target is not { } target) return kind is TargetKind.PreviousHigher or TargetKind.PreviousLower ? $"対前年度{direction}" : "―";
        var prefix = kind is TargetKind.PreviousHigher or TargetKind.PreviousLower ? "前年度 " : "";
        return $"{prefix}{KpiFormat.Value(target, e.Unit)}{direction}";
    }

    public static ScopeStatus From(ScopeEvaluation evaluation) => new(
        new KpiSummaryView(evaluation.Scope.DisplayName, evaluation.FiscalYear, evaluation.CountOf(KpiStatus.Achieved),
            evaluation.CountOf(KpiStatus.MostlyAchieved), evaluation.CountOf(KpiStatus.NotAchieved), evaluation.CountOf(KpiStatus.NotEvaluable)),
        // A （参考） line is not a KPI: it is neither counted nor listed with a status.
        evaluation.Rows.Where(r => !r.Definition.IsReference).Select(From).ToList());

    public static PlanPassage From(SearchHit hit) => new(hit);
}
