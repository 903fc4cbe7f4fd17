using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「それは達成？」「岩手の…受診率って目標達成してる？」「宮城って令和5年度のKPIどうだった？」: the status of one KPI, or of all of a scope's.</summary>
public sealed class KpiStatusHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.KpiStatus];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        if (f.Metrics.Count == 0) return await ScopeStatus.AnswerAsync(turn, kpis, compose, Intent.KpiStatus, ct);

        var scope = KpiQueries.ScopeOf(f);
        var rows = new List<KpiEvaluationView>();
        foreach (var metric in f.Metrics)
        {
            var year = f.Year ?? kpis.LatestResultYear(metric, scope);
            if (year is null) continue;
            if (await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
                    new() { ["metric"] = metric, ["scope"] = scope.Name, ["fiscalYear"] = year }, ct) is { } view) rows.Add(view);
        }
        if (rows.Count == 0) return new Reply(kpis.NotFound(turn.Question, Intent.KpiStatus, turn.Calls, scope, f.Year, f.Metric), null);

        var lines = rows.Select(r => $"{KpiQueries.Where(r)}の{r.MetricName}は{r.Status}です（目標 {r.TargetText}に対し実績 {KpiSentences.Result(r)}{(r.RatioText.Length > 0 ? $"、達成度 {r.RatioText}" : "")}）。");
        var answer = compose.KpiList(turn.Question, Intent.KpiStatus, string.Join("\n", lines), rows, turn.Calls);
        var first = rows[0];
        return new Reply(answer, KpiValueHandler.Remember(turn, first, rows, answer).Stated(KpiValueHandler.ResultFigure(first)));
    }
}

/// <summary>The status of every KPI of one scope and year, counts first; shared by the status and count handlers.</summary>
internal static class ScopeStatus
{
    public static async Task<Reply> AnswerAsync(Turn turn, KpiQueries kpis, AnswerComposer compose, Intent intent, CancellationToken ct)
    {
        var f = turn.Frame;
        var scope = KpiQueries.ScopeOf(f);
        // No year named: the latest year with published results (秋田: 令和5年度).
        if ((f.Year ?? kpis.LatestResultYear(scope)) is not { } year) return new Reply(kpis.NotFound(turn.Question, intent, turn.Calls, scope, null, null), null);
        var status = await turn.CallAsync<Plugins.ScopeStatus>(KpiPlugin.Name, "evaluate_scope", new() { ["scope"] = scope.Name, ["fiscalYear"] = year }, ct);
        var context = new ConversationContext(Intent.KpiStatus, scope.Name, year, null, null);
        if (status is null || status.Kpis.Count == 0) return new Reply(kpis.NotFound(turn.Question, intent, turn.Calls, scope, year, null), context);

        var s = status.Summary;
        var header = $"{KpiQueries.Where(scope.Name, year)}の KPI {status.Kpis.Count}件の達成状況は、達成 {s.Achieved}、概ね達成 {s.MostlyAchieved}、未達成 {s.NotAchieved}、評価不能 {s.NotEvaluable} です。";
        var notMet = status.Kpis.Where(k => k.Status is "未達成").Select(k => k.MetricName).ToList();
        if (notMet.Count > 0) header += $"\n未達成: {string.Join("、", notMet)}。";
        var answer = compose.KpiList(turn.Question, intent, header, status.Kpis, turn.Calls) with { Summary = s };
        var other = scope.Name == "岩手" ? "秋田" : "岩手";
        return new Reply(answer with { Suggestions = [$"じゃあ{other}は？", "概ね達成の基準は？", $"{scope.DisplayName}の事業者健診データ取得率は？"] },
            context with { LastAnswer = answer.Text });
    }
}

/// <summary>「秋田支部の令和5年度のKPI、19項目のうちいくつ達成しましたか？」: how many KPIs reached each status.</summary>
public sealed class CountHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Count];

    public Task<Reply> HandleAsync(Turn turn, CancellationToken ct) => ScopeStatus.AnswerAsync(turn, kpis, compose, Intent.Count, ct);
}
