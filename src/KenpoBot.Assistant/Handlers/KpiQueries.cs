using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// What the KPI handlers share: which KPI rows a frame points at, which year to take when none is named, and the honest
/// "not in the documents" answer that says what the documents do have. Reads the corpus; calls no tools.
/// </summary>
public sealed class KpiQueries(KnowledgeBase knowledge, MetricResolver metrics)
{
    public string MetricName(string metric) => metrics.DisplayName(metric);

    /// <summary>The scope a KPI question is about: the one named, else the whole association.</summary>
    public static Scope ScopeOf(QuestionFrame f) => f.Scope ?? Scope.Association;

    /// <summary>KPI rows of a metric for a scope, narrowed by year and plan when given; latest plan first.</summary>
    public IReadOnlyList<KpiDefinition> Definitions(string metric, Scope scope, int? year, string? plan) =>
        knowledge.Kpis
            .Where(k => k.Metric == metric && k.Scope == scope && !k.IsReference)
            .Where(k => year is null || k.FiscalYears.Contains(year.Value))
            .Where(k => plan is null || knowledge.FindDocument(k.DocumentId)?.Plan == plan)
            .OrderByDescending(k => k.FiscalYears.To)
            .ToList();

    /// <summary>The latest year with a published result of the metric for the scope.</summary>
    public int? LatestResultYear(string metric, Scope scope) =>
        knowledge.Results.Where(r => knowledge.FindKpi(r.KpiId) is { } k && k.Metric == metric && k.Scope == scope && r.Actual is not null)
            .Select(r => (int?)r.FiscalYear).Max();

    /// <summary>The latest year with published results for a set of scopes (東北6支部: 2023).</summary>
    public int? LatestResultYear(string metric, IReadOnlyList<Scope> scopes) =>
        scopes.Select(s => LatestResultYear(metric, s)).Where(y => y is not null).Max();

    /// <summary>The latest year with any published KPI result for the scope.</summary>
    public int? LatestResultYear(Scope scope) =>
        knowledge.Results.Where(r => knowledge.FindKpi(r.KpiId)?.Scope == scope).Select(r => (int?)r.FiscalYear).Max();

    /// <summary>True when some KPI of the scopes has a published result for the year.</summary>
    public bool HasResults(IEnumerable<Scope> scopes, int year) =>
        knowledge.Results.Any(r => r.FiscalYear == year && knowledge.FindKpi(r.KpiId) is { } k && scopes.Contains(k.Scope));

    /// <summary>The years with published results for the scope: 「令和5年度」.</summary>
    public string ResultYears(Scope scope) => string.Join("、", knowledge.Results.Where(r => knowledge.FindKpi(r.KpiId)?.Scope == scope)
        .Select(r => r.FiscalYear).Distinct().Order().Select(JapaneseYears.Wareki));

    public bool PlanExists(string plan) => knowledge.Documents.Any(d => d.Plan == plan && d.Kind == DocumentKind.ActionPlan);

    /// <summary>「秋田支部の令和5年度（2023年度）」.</summary>
    public static string Where(string scope, int? year) =>
        (Scope.TryParse(scope, out var s) ? s.DisplayName : scope) + (year is { } y ? "の" + JapaneseYears.Describe(y) : "");

    public static string Where(KpiEvaluationView v, bool withYear = true) => Where(v.Scope, withYear ? v.FiscalYear : null);

    /// <summary>The plan's period when a KPI belongs to an action plan: 「第6期アクションプラン（2024〜2026年度）」.</summary>
    public string PlanLabel(string plan)
    {
        var doc = knowledge.Documents.FirstOrDefault(d => d.Plan == plan && d.Kind == DocumentKind.ActionPlan);
        return doc is null ? $"第{plan[2..]}期アクションプラン" : $"第{plan[2..]}期アクションプラン（{doc.FiscalYears.From}〜{doc.FiscalYears.To}年度）";
    }

    /// <summary>How a KPI row is placed: the plan for an action-plan row, else scope and year.</summary>
    public string Label(KpiEvaluationView v)
    {
        var doc = knowledge.FindDocument(v.DocumentId);
        if (doc is { Kind: DocumentKind.ActionPlan, Plan: { } plan }) return PlanLabel(plan);
        return Where(v);
    }

    /// <summary>The section that publishes a KPI row, as a citation.</summary>
    public Citation Cite(KpiEvaluationView v)
    {
        var kpi = knowledge.FindKpi(v.KpiId)!;
        var section = knowledge.FindSection(kpi.SectionReference)!;
        var document = knowledge.FindDocument(kpi.DocumentId)!;
        return new Citation(document.Id, document.Title, string.Join(" > ", section.HeadingPath), document.FiscalYears.ToString(), document.Scope.DisplayName,
            $"{v.Scope} {v.Name}：実績 {KpiSentences.Result(v)}{(v.Previous is { } p ? $"（前年度 {KpiSentences.Value(p, v)}）" : "")}");
    }

    /// <summary>The answer when the documents have no KPI for what was asked: say so, say what there is, cite nothing.</summary>
    public Answer NotFound(string question, Intent intent, IReadOnlyList<ToolCall> calls, Scope? scope, int? year, string? metric, string? plan = null)
    {
        var what = metric is null ? "KPI" : $"「{MetricName(metric)}」の KPI";
        var asked = plan is not null ? $"第{plan[2..]}期アクションプラン" : $"{(scope ?? Scope.Association).DisplayName}{(year is { } y ? "の" + JapaneseYears.Describe(y) : "")}";
        var text = $"資料には記載がありません。{asked}の{what}は、この資料（協会けんぽのアクションプラン・事業計画・事業報告書・支部事業計画）にはありません。";
        text += plan is not null ? Plans() : Coverage(scope, metric);
        return new Answer(question, Intent.OutOfScope, text, [], [], calls) { Suggestions = AnswerComposer.DefaultSuggestions };
    }

    private string Plans() =>
        "資料にあるアクションプランは" + string.Join("、", knowledge.Documents.Where(d => d.Kind == DocumentKind.ActionPlan && d.Plan is not null)
            .Select(d => PlanLabel(d.Plan!)).Distinct()) + "です。";

    /// <summary>「資料にある KPI は、協会全体（2020年度、2023年度、2024〜2026年度）、秋田支部（2023年度、2025年度）…です。」</summary>
    private string Coverage(Scope? scope, string? metric)
    {
        var rows = knowledge.Kpis.Where(k => !k.IsReference && (metric is null || k.Metric == metric)).ToList();
        var ofScope = scope is { } s ? rows.Where(k => k.Scope == s).ToList() : [];
        if (ofScope.Count > 0)
            return $"{scope!.Value.DisplayName}について資料にあるのは {Years(ofScope)} の KPI です。";
        var byScope = rows.GroupBy(k => k.Scope).OrderBy(g => g.Key.Order)
            .Select(g => $"{g.Key.DisplayName}（{Years(g)}）");
        return $"資料にある{(metric is null ? "" : "この指標の")} KPI は、{string.Join("、", byScope)}です。";
    }

    private static string Years(IEnumerable<KpiDefinition> rows) =>
        string.Join("、", rows.Select(k => k.FiscalYears).Distinct().OrderBy(r => r.From)
            .Select(r => r.From == r.To ? $"{JapaneseYears.Wareki(r.From)}" : $"{JapaneseYears.Wareki(r.From)}〜{JapaneseYears.Wareki(r.To)}"));
}
