using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「その差は何ポイント？」: the distance between the target talked about and the last figure (or the published result).</summary>
public sealed class GapHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Gap];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var previous = turn.Previous;
        KpiEvaluationView? view;
        if (f.IsFollowUp && previous?.AnchorKpiId is { } id)
        {
            view = await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", new() { ["kpiId"] = id }, ct);
        }
        else
        {
            var scope = KpiQueries.ScopeOf(f);
            var year = f.Year ?? kpis.LatestResultYear(f.Metric!, scope);
            view = year is null ? null : await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
                new() { ["metric"] = f.Metric, ["scope"] = scope.Name, ["fiscalYear"] = year }, ct);
        }
        if (view is null) return new Reply(kpis.NotFound(turn.Question, Intent.Gap, turn.Calls, f.Scope, f.Year, f.Metric), null);

        var figure = f.IsFollowUp && previous?.LastValue is { } last ? last : view.Actual;
        string header;
        if (view.Target is not { } target || figure is not { } value)
        {
            header = $"{kpis.Label(view)}の{view.MetricName}は目標が{view.TargetText}で、比べられる数値が資料にないため差は示せません。";
        }
        else
        {
            var gap = target - value;
            var what = figure == view.Actual ? $"実績 {KpiSentences.Result(view)}" : $"{(previous?.LastValueYear is { } y ? Corpus.JapaneseYears.Wareki(y) + "の" : "")}値 {KpiSentences.Value(value, view)}";
            header = $"差は{KpiSentences.Difference(Math.Abs(gap), view)}です（{kpis.Label(view)}の{view.MetricName}の目標 {view.TargetText}と{what}の差"
                + (gap > 0 ? "、目標に届いていません" : gap < 0 ? "、目標を上回っています" : "") + "）。";
        }
        var answer = compose.KpiList(turn.Question, Intent.Gap, header, [view], turn.Calls, withStatus: false, listRows: false);
        return new Reply(answer, (previous ?? KpiValueHandler.Remember(turn, view, [view], answer)) with { LastAnswer = answer.Text });
    }
}
