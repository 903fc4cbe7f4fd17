using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「21%なら？」「…が55%で終わったら、目標まで何人足りない？」「その実績のままだと何人足りない？」: the status a supposed result would
/// get, with the gap in points and, where the plan gives the population, in people.
/// </summary>
public sealed class WhatIfHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.WhatIf];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var previous = turn.Previous;
        var supposed = f.Numbers.FirstOrDefault(n => n.Unit is "%" or "人" or "事業所" or "円" or "件" or "日" or "") is { Value: var v } && f.Numbers.Count > 0
            ? v
            : previous?.LastValue;
        if (supposed is not { } actual)
            return new Reply(new Answer(turn.Question, Intent.WhatIf, "仮定する実績の値（例:「36%なら？」）を添えてお尋ねください。", [], [], turn.Calls), previous);

        // The KPI: named now, else the one whose target was talked about (「その実績のままだと」 measures against that target).
        string? kpiId = null;
        if (f.Inherited.Contains("metric") && previous?.AnchorKpiId is { } anchor && f.Numbers.Count == 0) kpiId = anchor;
        var scope = KpiQueries.ScopeOf(f);
        var year = f.Year ?? (kpiId is null ? kpis.Definitions(f.Metric!, scope, null, f.Plan).FirstOrDefault()?.FiscalYears.From : null);
        var arguments = kpiId is not null
            ? new Dictionary<string, object?> { ["kpiId"] = kpiId, ["whatIfActual"] = actual }
            : new Dictionary<string, object?> { ["metric"] = f.Metric, ["scope"] = scope.Name, ["fiscalYear"] = year, ["whatIfActual"] = actual };
        var view = kpiId is null && year is null ? null : await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", arguments, ct);
        if (view is null) return new Reply(kpis.NotFound(turn.Question, Intent.WhatIf, turn.Calls, scope, year, f.Metric), previous);

        var header = $"{KpiQueries.Where(view)}の{view.MetricName}の実績が{KpiSentences.Value(actual, view)}なら、{view.Status}です"
            + (view.RatioText.Length > 0 ? $"（目標 {view.TargetText}、達成度 {view.RatioText}）。" : $"（目標 {view.TargetText}）。");
        if (view.GapText is { } gap) header += $"\n{gap}。";
        var answer = compose.KpiList(turn.Question, Intent.WhatIf, header, [view], turn.Calls);
        var context = KpiValueHandler.Remember(turn, view, [view], answer);
        return new Reply(answer, context);
    }
}
