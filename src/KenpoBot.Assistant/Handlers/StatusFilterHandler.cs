using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;
using KenpoBot.Kpi;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「山形支部が令和5年度に未達成だったKPIを全部挙げて」 (a scope's KPIs with a status) and 「健康宣言事業所数でR5のKPIに届かなかった
/// 東北の支部はどこ？」 (the scopes whose KPI of one metric had a status).
/// </summary>
public sealed class StatusFilterHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.StatusFilter];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var statuses = f.StatusFilter.Count > 0 ? f.StatusFilter : [KpiStatus.NotAchieved];
        var word = statuses.Count > 1 ? "目標に届かなかった（未達成・概ね達成）" : statuses[0].ToJapanese();
        var scopes = f.Scopes.Count > 0 ? f.Scopes : [Scope.Association];
        var year = f.Year ?? (f.Metric is { } m ? kpis.LatestResultYear(m, scopes) : null);
        if (year is null) return new Reply(kpis.NotFound(turn.Question, Intent.StatusFilter, turn.Calls, f.Scope, null, f.Metric), null);

        // A year whose results are not published (a plan year): say so rather than 「ありません」.
        if (!kpis.HasResults(scopes, year.Value))
        {
            var text = $"資料には記載がありません。{KpiQueries.Where(scopes[0].Name, year)}の KPI の実績は資料にまだありません。"
                + $"{scopes[0].DisplayName}の実績があるのは{(kpis.ResultYears(scopes[0]) is { Length: > 0 } y ? y : "（なし）")}です。";
            return new Reply(new Answer(turn.Question, Intent.OutOfScope, text, [], [], turn.Calls) { Suggestions = AnswerComposer.DefaultSuggestions }, null);
        }
        var rows = await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiDataPlugin.Name, "filter_by_status",
            new() { ["statuses"] = statuses.ToArray(), ["fiscalYear"] = year, ["scopes"] = scopes.Select(s => s.Name).ToArray(), ["metric"] = f.Metric }, ct) ?? [];
        var context = new ConversationContext(Intent.StatusFilter, scopes[0].Name, year, f.Metric, null) { Scopes = [.. scopes.Select(s => s.Name)] };
        string header;
        if (f.Metric is { } metric)
        {
            var name = kpis.MetricName(metric);
            var among = f.Region is { } region ? $"{region}の{scopes.Count}支部のうち" : "";
            header = rows.Count == 0
                ? $"{JapaneseYears.Describe(year.Value)}に{name}の KPI が{word}だった支部は、{among}ありません。"
                : $"{JapaneseYears.Describe(year.Value)}に{name}の KPI が{word}だったのは、{among}{string.Join("、", rows.Select(r => $"{r.Scope}（実績 {KpiSentences.Result(r)}、目標 {r.TargetText}、{r.Status}）"))}です。";
        }
        else
        {
            var where = KpiQueries.Where(scopes[0].Name, year);
            header = rows.Count == 0
                ? $"{where}に{word}だった KPI はありません。"
                : $"{where}に{word}だった KPI は{rows.Count}件です: {string.Join("、", rows.Select(r => $"{r.MetricName}（実績 {KpiSentences.Result(r)}、目標 {r.TargetText}）"))}。";
        }
        var answer = compose.KpiList(turn.Question, Intent.StatusFilter, header, rows, turn.Calls);
        return new Reply(answer, context with { LastAnswer = answer.Text });
    }
}
