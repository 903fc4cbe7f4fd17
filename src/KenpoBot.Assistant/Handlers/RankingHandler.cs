using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「東北6支部で令和5年度の生活習慣病予防健診受診率がいちばん高いのはどこ？」: scopes ranked by one metric's result.</summary>
public sealed class RankingHandler(KpiQueries kpis, AnswerComposer compose) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Ranking];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var metric = f.Metric!;
        // A region or several scopes named: rank those; otherwise every branch with a result (the same region as before in a follow-up).
        var scopes = f.Region is not null || f.Scopes.Count >= 2 ? f.Scopes : [];
        var year = f.Year ?? kpis.LatestResultYear(metric, scopes.Count > 0 ? scopes : [.. Scope.Branches.Select(b => Scope.Parse(b.Name))]);
        if (year is null) return new Reply(kpis.NotFound(turn.Question, Intent.Ranking, turn.Calls, null, null, metric), null);
        var order = f.Order ?? RankOrder.Highest;
        var rows = await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiDataPlugin.Name, "rank_scopes",
            new() { ["metric"] = metric, ["fiscalYear"] = year, ["scopes"] = scopes.Select(s => s.Name).ToArray(), ["order"] = order }, ct) ?? [];
        if (rows.Count == 0) return new Reply(kpis.NotFound(turn.Question, Intent.Ranking, turn.Calls, f.Scope, year, metric), null);

        var top = rows[0];
        var most = order == RankOrder.Highest ? "最も高い" : "最も低い";
        var among = f.Region is { } region ? $"{region}の{scopes.Count}支部で" : rows.Count > 1 ? $"資料にある{rows.Count}支部で" : "";
        var header = $"{JapaneseYears.Describe(year.Value)}の{kpis.MetricName(metric)}が{among}{most}のは{top.Scope}の{KpiSentences.Result(top)}です。"
            + $"\n{(order == RankOrder.Highest ? "高い" : "低い")}順: {string.Join("、", rows.Select(r => $"{r.Scope} {KpiSentences.Result(r)}"))}。";
        var answer = compose.KpiList(turn.Question, Intent.Ranking, header, rows, turn.Calls);
        var context = new ConversationContext(Intent.Ranking, Scope.Parse(top.Scope).Name, year, metric, null)
        {
            Scopes = [.. rows.Select(r => Scope.Parse(r.Scope).Name)],
            LastAnswer = answer.Text,
            LastFigure = KpiValueHandler.ResultFigure(top),
            PriorFigure = turn.Previous?.LastFigure,
            Subject = kpis.MetricName(metric),
        };
        return new Reply(answer, context);
    }
}
