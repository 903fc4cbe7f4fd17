using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「第6期の特定保健指導のKPIは？」「秋田の令和7年度の目標は？」: a KPI's target as the plan sets it, or a plan's KPI list.</summary>
public sealed class KpiTargetHandler(KpiQueries kpis, AnswerComposer compose, DocumentHandler documents) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.KpiTarget];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        if (f.Plan is { } plan && !kpis.PlanExists(plan))
            return new Reply(kpis.NotFound(turn.Question, Intent.KpiTarget, turn.Calls, null, null, f.Metric, plan), null);
        if (f.Metrics.Count == 0) return await ListAsync(turn, ct);

        var rows = new List<KpiEvaluationView>();
        foreach (var metric in f.Metrics)
        {
            var scope = KpiQueries.ScopeOf(f);
            var found = await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "list_kpis",
                new() { ["scope"] = scope.Name, ["fiscalYear"] = f.Year, ["plan"] = f.Plan, ["metric"] = metric }, ct) ?? [];
            // No year or plan named: the latest plan's row (秋田 → 令和7年度).
            rows.AddRange(f.Year is null && f.Plan is null ? found.OrderByDescending(r => r.FiscalYear).Take(1) : found.Take(1));
        }
        // A plan whose KPI list the corpus does not hold as rows (第5期) may still say it in its text.
        if (rows.Count == 0 && f.Plan is not null) return await documents.HandleAsync(turn, ct);
        if (rows.Count == 0)
            return new Reply(kpis.NotFound(turn.Question, Intent.KpiTarget, turn.Calls, f.Scope, f.Year, f.Metric), null);

        var lines = rows.Select(r => $"{kpis.Label(r)}の{r.MetricName}の目標（KPI）は{KpiSentences.Target(r)}で、目標値は{r.TargetText}です。{KpiSentences.Baseline(r)}{KpiSentences.Population(r)}");
        var ambiguous = rows.Count > 1 ? "\n（「" + string.Join("」「", rows.Select(r => r.MetricName)) + "」のどちらにも当たるため、両方を示します。）" : "";
        var answer = compose.KpiList(turn.Question, Intent.KpiTarget, string.Join("\n", lines) + ambiguous, rows, turn.Calls, withStatus: false, listRows: false);
        var first = rows[0];
        var context = new ConversationContext(Intent.KpiTarget, first.Scope == Scope.AssociationName ? Scope.AssociationName : Scope.Parse(first.Scope).Name,
            f.Year ?? (f.Plan is null ? first.FiscalYear : null), first.Metric, f.Plan)
        {
            Metrics = [.. rows.Select(r => r.Metric).Distinct()],
            AnchorKpiId = first.KpiId,
            LastAnswer = answer.Text,
            Subject = first.MetricName,
            LastFigure = turn.Previous?.LastFigure,
            PriorFigure = turn.Previous?.PriorFigure,
        };
        return new Reply(answer, context.Stated(KpiValueHandler.TargetFigure(first, kpis.Label(first))));
    }

    /// <summary>Every KPI of a plan, or of a scope and year.</summary>
    private async Task<Reply> ListAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        var scope = f.Plan is not null && f.Scope is null ? null : KpiQueries.ScopeOf(f).Name;
        var rows = (await turn.CallAsync<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "list_kpis",
            new() { ["scope"] = scope, ["fiscalYear"] = f.Year, ["plan"] = f.Plan }, ct) ?? []).ToList();
        if (rows.Count == 0)
            return new Reply(kpis.NotFound(turn.Question, Intent.KpiTarget, turn.Calls, f.Scope, f.Year, null, f.Plan), null);
        var label = f.Plan is not null ? kpis.PlanLabel(f.Plan) : KpiQueries.Where(scope!, f.Year);
        var answer = compose.KpiList(turn.Question, Intent.KpiTarget, $"{label}の KPI は次の{rows.Count}件です。", rows, turn.Calls, withStatus: false);
        return new Reply(answer, new ConversationContext(Intent.KpiTarget, scope, f.Year, null, f.Plan) { LastAnswer = answer.Text });
    }
}
