using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「岩手の保険証回収率の目標、R2とR3で何が変わった？」 (a KPI between two years) and 「秋田の令和5年度の回収率は前年度より上がった？」
/// (a result against the year before).
/// </summary>
public sealed class ChangeHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Change];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var scope = KpiQueries.ScopeOf(f);
        var metric = f.Metric!;
        if (f.Years.Count < 2) return await AgainstPreviousAsync(turn, scope, metric, ct);

        var rows = await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiDataPlugin.Name, "compare_years",
            new() { ["metric"] = metric, ["scope"] = scope.Name, ["fiscalYears"] = f.Years.ToArray() }, ct) ?? [];
        if (rows.Count < 2) return new Reply(kpis.NotFound(turn.Question, Intent.Change, turn.Calls, scope, f.Years.FirstOrDefault(y => rows.All(r => r.FiscalYear != y)), metric), null);

        var (from, to) = (rows[0], rows[^1]);
        var name = kpis.MetricName(metric);
        var header = from.TargetText == to.TargetText
            ? $"{scope.DisplayName}の{name}の目標は、{JapaneseYears.Wareki(from.FiscalYear)}も{JapaneseYears.Wareki(to.FiscalYear)}も{to.TargetText}で変わっていません。"
            : $"{scope.DisplayName}の{name}の目標は、{JapaneseYears.Wareki(from.FiscalYear)}の{from.TargetText}から、{JapaneseYears.Wareki(to.FiscalYear)}は{to.TargetText}に変わりました。";
        header += $"\n・{JapaneseYears.Describe(from.FiscalYear)}: {KpiSentences.Target(from)}\n・{JapaneseYears.Describe(to.FiscalYear)}: {KpiSentences.Target(to)}";
        if (from.Actual is { } a && to.Actual is { } b) header += $"\n実績は {KpiSentences.Result(from)} → {KpiSentences.Result(to)} です。";
        var answer = compose.KpiList(turn.Question, Intent.Change, header, rows, turn.Calls, withStatus: false, listRows: false);
        return new Reply(answer, KpiValueHandler.Remember(turn, to, [to], answer));
    }

    private async Task<Reply> AgainstPreviousAsync(Turn turn, Scope scope, string metric, CancellationToken ct)
    {
        var year = turn.Frame.Year ?? kpis.LatestResultYear(metric, scope);
        var view = year is null ? null : await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
            new() { ["metric"] = metric, ["scope"] = scope.Name, ["fiscalYear"] = year }, ct);
        if (view is null) return new Reply(kpis.NotFound(turn.Question, Intent.Change, turn.Calls, scope, year, metric), null);
        string header;
        if (view is { Actual: { } actual, Previous: { } previous })
        {
            var change = actual - previous;
            var word = change > 0 ? "上がりました" : change < 0 ? "下がりました" : "同じでした";
            var yes = (change > 0 && turn.Frame.Has(Asks.Rising)) || (change < 0 && turn.Frame.Has(Asks.Falling)) ? "はい、" : change == 0 ? "" : "いいえ、";
            header = $"{yes}{KpiQueries.Where(view)}の{view.MetricName}は{KpiSentences.Result(view)}で、前年度の{KpiSentences.Value(previous, view)}から"
                + (change == 0 ? "変わらず同じでした。" : $"{KpiSentences.Difference(Math.Abs(change), view)}{word}。") + $"（KPI の判定: {view.Status}）";
        }
        else
        {
            header = $"{KpiQueries.Where(view)}の{view.MetricName}の実績は{KpiSentences.Result(view)}です。前年度の値は資料にないため、増減は示せません。";
        }
        var answer = compose.KpiList(turn.Question, Intent.Change, header, [view], turn.Calls);
        return new Reply(answer, KpiValueHandler.Remember(turn, view, [view], answer).Stated(KpiValueHandler.ResultFigure(view)));
    }
}
