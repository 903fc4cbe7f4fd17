using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「秋田と宮城の令和5年度の事業者健診データ取得率を比べてください」 (one metric across scopes, with the difference) and, after a
/// target, 「秋田の令和5年度の実績と比べると？」 (a result against the target talked about).
/// </summary>
public sealed class ComparisonHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Comparison];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var metric = f.Metric!;
        var scopes = f.Scopes.ToList();
        // 「秋田と比べると？」: the scope talked about, then the one named.
        if (f.IsFollowUp && turn.Previous?.Scope is { } before && Scope.TryParse(before, out var b) && !scopes.Contains(b) && scopes.Count == 1) scopes.Insert(0, b);
        if (scopes.Count < 2) return await AgainstAnchorAsync(turn, metric, ct);

        var year = f.Year ?? kpis.LatestResultYear(metric, scopes);
        if (year is null) return new Reply(kpis.NotFound(turn.Question, Intent.Comparison, turn.Calls, scopes[0], null, metric), null);
        var rows = await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "compare_scopes",
            new() { ["metric"] = metric, ["fiscalYear"] = year, ["scopes"] = scopes.Select(s => s.Name).ToArray() }, ct) ?? [];
        // A year carried over from the conversation that has no results yet (a plan year): compare the latest results instead.
        if (f.Inherited.Contains("year") && rows.All(r => r.Actual is null) && kpis.LatestResultYear(metric, scopes) is { } latest && latest != year)
        {
            year = latest;
            rows = await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "compare_scopes",
                new() { ["metric"] = metric, ["fiscalYear"] = year, ["scopes"] = scopes.Select(s => s.Name).ToArray() }, ct) ?? [];
        }
        var missing = scopes.Where(s => rows.All(r => r.Scope != s.DisplayName)).ToList();
        if (rows.Count == 0 || missing.Count == scopes.Count) return new Reply(kpis.NotFound(turn.Question, Intent.Comparison, turn.Calls, missing[0], year, metric), null);

        var name = kpis.MetricName(metric);
        var header = $"{JapaneseYears.Describe(year.Value)}の{name}は、{string.Join("、", rows.Select(r => $"{r.Scope} {KpiSentences.Result(r)}"))}です。";
        var withValues = rows.Where(r => r.Actual is not null).ToList();
        if (withValues.Count >= 2)
        {
            var high = withValues.MaxBy(r => r.Actual)!;
            var low = withValues.MinBy(r => r.Actual)!;
            header += high.Actual == low.Actual ? "\n同じ値です。"
                : $"\n{high.Scope}が{low.Scope}より{KpiSentences.Difference(high.Actual!.Value - low.Actual!.Value, high)}高く（多く）なっています。";
        }
        foreach (var s in missing) header += $"\n{s.DisplayName}の{JapaneseYears.Wareki(year.Value)}のこの KPI は資料にありません。";
        var answer = compose.KpiList(turn.Question, Intent.Comparison, header, rows, turn.Calls);
        var context = KpiValueHandler.Remember(turn, rows[^1], rows, answer) with
        {
            Scopes = [.. scopes.Where(s => !missing.Contains(s)).Select(s => s.Name)],
            Scope = Scope.Parse(rows[^1].Scope).Name,
        };
        return new Reply(answer, context);
    }

    /// <summary>A result of another year against the target talked about: 「令和7年度の目標 58.2% に対し令和5年度の実績は 57.2%」.</summary>
    private async Task<Reply> AgainstAnchorAsync(Turn turn, string metric, CancellationToken ct)
    {
        var f = turn.Frame;
        var scope = KpiQueries.ScopeOf(f);
        var anchor = turn.Previous?.AnchorKpiId is { } id
            ? await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", new() { ["kpiId"] = id }, ct)
            : null;
        var year = f.Year ?? kpis.LatestResultYear(metric, scope);
        var view = year is null ? null : await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
            new() { ["metric"] = anchor?.Metric ?? metric, ["scope"] = scope.Name, ["fiscalYear"] = year }, ct);
        if (view is null) return new Reply(kpis.NotFound(turn.Question, Intent.Comparison, turn.Calls, scope, year, metric), null);
        var header = $"{KpiQueries.Where(view)}の{view.MetricName}の実績は{KpiSentences.Result(view)}です。";
        if (anchor is { Target: { } target } && view.Actual is { } actual && anchor.KpiId != view.KpiId)
        {
            var gap = actual - target;
            header += $"\n{kpis.Label(anchor)}の目標 {anchor.TargetText}と比べると、" +
                (gap == 0 ? "同じ値です。" : $"{KpiSentences.Difference(Math.Abs(gap), view)}{(gap > 0 ? "上回って" : "下回って")}います。");
        }
        var rows = anchor is null || anchor.KpiId == view.KpiId ? new List<KpiEvaluationView> { view } : [anchor, view];
        var answer = compose.KpiList(turn.Question, Intent.Comparison, header, rows, turn.Calls);
        return new Reply(answer, KpiValueHandler.Remember(turn, view, [view], answer).Stated(KpiValueHandler.ResultFigure(view)));
    }
}
