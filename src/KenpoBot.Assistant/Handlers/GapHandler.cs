using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「その差は何ポイント？」: the distance between the last two figures the conversation stated (a target and a result, two
/// targets, a target and its reference value); 「…のKPIと令和4年度末の値の差は？」: between a KPI's target and its reference value
/// or its result.
/// </summary>
public sealed class GapHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Gap];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var previous = turn.Previous;
        var ownSubject = f.Scopes.Count > 0 && !f.Inherited.Contains("scope") || f.Years.Count > 0 && !f.Inherited.Contains("year") || f.Plan is not null && !f.Inherited.Contains("plan");
        if (f.IsFollowUp && !ownSubject && previous is { LastFigure: { } last, PriorFigure: { } prior, AnchorKpiId: { } anchorId })
        {
            var anchor = await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", new() { ["kpiId"] = anchorId }, ct);
            if (anchor is not null)
            {
                var header = $"差は{KpiSentences.Difference(Math.Abs(last.Value - prior.Value), anchor)}です（{prior.Label}と{last.Label}の差）。";
                var answer = compose.KpiList(turn.Question, Intent.Gap, header, [anchor], turn.Calls, withStatus: false, listRows: false);
                return new Reply(answer, previous with { Intent = Intent.Gap, LastAnswer = answer.Text });
            }
        }

        var scope = KpiQueries.ScopeOf(f);
        var kpi = kpis.Definitions(f.Metric!, scope, f.Plan is null ? f.Year ?? kpis.LatestResultYear(f.Metric!, scope) : null, f.Plan).FirstOrDefault();
        var year = f.Plan is null ? f.Year ?? kpis.LatestResultYear(f.Metric!, scope) : kpi?.FiscalYears.From;
        var view = kpi is null || year is null ? null : await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
            new() { ["kpiId"] = kpi.Id, ["fiscalYear"] = year }, ct);
        if (view is null) return new Reply(kpis.NotFound(turn.Question, Intent.Gap, turn.Calls, f.Scope, f.Year, f.Metric, f.Plan), null);

        // The figure to measure against: the reference value when asked (令和4年度末の値), else the published result.
        Figure? figure = f.Has(Asks.Baseline) && KpiSentences.FirstNumber(view.Baseline) is { } baseline
            ? new Figure(baseline, $"{JapaneseYears.Wareki(view.BaselineYear!.Value)}末の値 {view.Baseline}")
            : KpiValueHandler.ResultFigure(view);
        string text;
        if (view.Target is not { } target || figure is null)
        {
            text = $"{kpis.Label(view)}の{view.MetricName}は目標が{view.TargetText}で、比べられる数値が資料にないため差は示せません。";
        }
        else
        {
            var gap = target - figure.Value;
            text = $"差は{KpiSentences.Difference(Math.Abs(gap), view)}です（{kpis.Label(view)}の{view.MetricName}の目標 {view.TargetText}と{figure.Label}の差"
                + (gap > 0 ? "。目標に届いていません" : gap < 0 ? "。目標を上回っています" : "") + "）。";
        }
        var reply = compose.KpiList(turn.Question, Intent.Gap, text, [view], turn.Calls, withStatus: false, listRows: false);
        var context = KpiValueHandler.Remember(turn, view, [view], reply) with { AnchorKpiId = view.KpiId };
        return new Reply(reply, context.Stated(KpiValueHandler.TargetFigure(view, kpis.Label(view))).Stated(figure));
    }
}
