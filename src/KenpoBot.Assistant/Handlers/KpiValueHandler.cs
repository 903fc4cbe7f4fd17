using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「令和2年度の保険証回収率の結果は」「令和4年度末の実績は？」「対象者は何人？」: a KPI's published result (with its target and
/// status), its reference value, or its target population.
/// </summary>
public sealed class KpiValueHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.KpiValue];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        if (f.Has(Asks.TargetPopulation) || f.Has(Asks.Baseline)) return await PlanFigureAsync(turn, ct);

        var scope = KpiQueries.ScopeOf(f);
        var rows = new List<KpiEvaluationView>();
        var previousLines = new List<(string Text, Citation Citation)>();
        foreach (var metric in f.Metrics)
        {
            var year = f.Year ?? kpis.LatestResultYear(metric, scope);
            if (year is null) continue;
            var view = await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
                new() { ["metric"] = metric, ["scope"] = scope.Name, ["fiscalYear"] = year }, ct);
            if (view is not null) rows.Add(view);
            else if (await PublishedAsPreviousAsync(turn, metric, scope, year.Value, ct) is { } line) previousLines.Add(line);
        }
        if (rows.Count == 0 && previousLines.Count > 0)
            return new Reply(new Answer(turn.Question, Intent.KpiValue, string.Join("\n", previousLines.Select(p => p.Text)), [.. previousLines.Select(p => p.Citation)], [], turn.Calls), turn.Previous);
        if (rows.Count == 0) return new Reply(kpis.NotFound(turn.Question, Intent.KpiValue, turn.Calls, scope, f.Year, f.Metric), null);

        var lines = rows.Select(r => r.Actual is null && r.ActualText.Length == 0
            ? $"{KpiQueries.Where(r)}の{r.MetricName}の実績は資料にまだありません。目標は{r.TargetText}です（{KpiSentences.Target(r)}）。"
            : $"{KpiQueries.Where(r)}の{r.MetricName}の実績は{KpiSentences.Result(r)}です（目標 {r.TargetText}、{r.Status}）。");
        var answer = compose.KpiList(turn.Question, Intent.KpiValue, string.Join("\n", lines), rows, turn.Calls);
        var first = rows[0];
        return new Reply(answer, Remember(turn, first, rows, answer).Stated(ResultFigure(first)));
    }

    /// <summary>A figure the plan prints beside a KPI: the reference value (参考：令和4年度末) or the target population.</summary>
    private async Task<Reply> PlanFigureAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var scope = KpiQueries.ScopeOf(f);
        var anchor = turn.Previous?.AnchorKpiId;
        var rows = new List<KpiEvaluationView>();
        foreach (var metric in f.Metrics)
        {
            var candidates = kpis.Definitions(metric, scope, f.Has(Asks.Baseline) ? null : f.Year, f.Plan)
                .Where(k => f.Has(Asks.Baseline) ? k.Baseline is not null && (f.BaselineYear is null || k.BaselineYear == f.BaselineYear) : k.TargetPopulation is not null)
                .OrderByDescending(k => k.Id == anchor)
                .ToList();
            if (candidates.FirstOrDefault() is not { } kpi) continue;
            var view = await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", new() { ["kpiId"] = kpi.Id }, ct);
            if (view is not null) rows.Add(view);
        }
        if (rows.Count == 0) return new Reply(kpis.NotFound(turn.Question, Intent.KpiValue, turn.Calls, scope, f.Year, f.Metric), null);

        var lines = rows.Select(r => f.Has(Asks.TargetPopulation) || !f.Has(Asks.Baseline)
            ? $"{kpis.Label(r)}の{r.MetricName}の実施対象者数は{KpiSentences.Population(r).Trim('（', '）').Replace("実施対象者数 ", "", StringComparison.Ordinal)}です（目標 {r.TargetText}）。"
            : $"{kpis.Label(r)}の{r.MetricName}の{JapaneseYears.Wareki(r.BaselineYear!.Value)}末の値（参考値）は{r.Baseline}です（目標 {r.TargetText}）。");
        var answer = compose.KpiList(turn.Question, Intent.KpiValue, string.Join("\n", lines), rows, turn.Calls, withStatus: false, listRows: false);
        var first = rows[0];
        var context = Remember(turn, first, rows, answer) with
        {
            AnchorKpiId = first.KpiId,
            FiscalYear = turn.Previous?.FiscalYear ?? first.FiscalYear,
            Plan = f.Plan ?? turn.Previous?.Plan,
        };
        if (f.Has(Asks.Baseline) && KpiSentences.FirstNumber(first.Baseline) is { } baseline)
            context = context.Stated(new Figure(baseline, $"{JapaneseYears.Wareki(first.BaselineYear!.Value)}末の値 {first.Baseline}"));
        return new Reply(answer, context);
    }

    /// <summary>
    /// A year with no KPI of its own whose figure the next year's table prints as 前年度 (003's FY2023 table gives FY2022):
    /// 「秋田支部の令和4年度の保険証回収率は95.42%です（令和5年度の KPI 表の前年度の値）」.
    /// </summary>
    private async Task<(string Text, Citation Citation)?> PublishedAsPreviousAsync(Turn turn, string metric, Scope scope, int year, CancellationToken ct)
    {
        if (kpis.Definitions(metric, scope, year + 1, null).Count == 0) return null;
        var next = await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
            new() { ["metric"] = metric, ["scope"] = scope.Name, ["fiscalYear"] = year + 1 }, ct);
        if (next?.Previous is not { } previous) return null;
        var text = $"{KpiQueries.Where(scope.Name, year)}の{next.MetricName}は{KpiSentences.Value(previous, next)}です（{JapaneseYears.Wareki(year + 1)}の KPI 表に前年度の値として載っているもの。{JapaneseYears.Wareki(year)}の KPI の目標は資料にありません）。";
        return (text, kpis.Cite(next));
    }

    /// <summary>A published result as a figure the conversation can refer back to.</summary>
    internal static Figure? ResultFigure(KpiEvaluationView v) =>
        v.Actual is { } actual ? new Figure(actual, $"{KpiQueries.Where(v)}の実績 {KpiSentences.Result(v)}") : null;

    /// <summary>A target as a figure: 「令和7年度の目標 58.2%以上」.</summary>
    internal static Figure? TargetFigure(KpiEvaluationView v, string label) =>
        v.Target is { } target ? new Figure(target, $"{label}の目標 {v.TargetText}") : null;

    /// <summary>What the conversation keeps after a value answer: the KPI talked about, and the anchor unless the metric changed.</summary>
    internal static ConversationContext Remember(Turn turn, KpiEvaluationView first, IReadOnlyList<KpiEvaluationView> rows, Answer answer)
    {
        var sameMetric = turn.Previous?.Metric == first.Metric;
        return new ConversationContext(answer.Intent, Scope.Parse(first.Scope).Name, first.FiscalYear, first.Metric, turn.Frame.Plan)
        {
            Scopes = [Scope.Parse(first.Scope).Name],
            Metrics = [.. rows.Select(r => r.Metric).Distinct()],
            AnchorKpiId = sameMetric && turn.Previous?.AnchorKpiId is { } anchor ? anchor : first.KpiId,
            LastAnswer = answer.Text,
            Subject = first.MetricName,
            LastFigure = turn.Previous?.LastFigure,
            PriorFigure = turn.Previous?.PriorFigure,
        };
    }
}
