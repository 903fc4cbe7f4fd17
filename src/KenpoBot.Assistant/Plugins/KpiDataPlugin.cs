using System.ComponentModel;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Plugins;

/// <summary>A metric a text names: its key and short name.</summary>
public sealed record MetricCandidate(string Metric, string Name);

/// <summary>Questions over the KPI data as a whole: which metric, ranking, status filters, change between years. Read-only.</summary>
public sealed class KpiDataPlugin(KpiEvaluator evaluator, KnowledgeBase knowledge, MetricResolver metrics)
{
    public const string Name = "KpiData";

    [KernelFunction("find_metrics")]
    [Description("質問や語句が指す KPI の指標キーを探す（名称・文言・別名で照合）。「健診データ取得率」「特定保健指導」など。複数あれば良い順に返す。")]
    public IReadOnlyList<MetricCandidate> FindMetrics([Description("KPI の名前を含む質問や語句")] string text) =>
        metrics.Find(text).Take(5).Select(m => new MetricCandidate(m.Metric, metrics.DisplayName(m.Metric))).ToList();

    [KernelFunction("rank_scopes")]
    [Description("一つの指標の実績で範囲（支部・協会全体）を高い順または低い順に並べる。「東北で一番高いのは」に使う。")]
    public IReadOnlyList<KpiEvaluationView> RankScopes(
        [Description("指標キー（例: employer-checkup-data-rate）")] string metric,
        [Description("年度（西暦）")] int fiscalYear,
        [Description("並べる範囲（例: [\"青森\",\"岩手\"]）。空なら実績のある全支部")] string[]? scopes = null,
        [Description("Highest（高い順）または Lowest（低い順）")] RankOrder order = RankOrder.Highest)
    {
        var rows = evaluator.Compare(metric, fiscalYear, ParseScopes(scopes))
            .Where(r => r.Evaluation?.Actual is not null && (scopes is { Length: > 0 } || !r.Scope.IsAssociation))
            .Select(r => Views.From(r.Evaluation!));
        return (order == RankOrder.Highest ? rows.OrderByDescending(r => r.Actual) : rows.OrderBy(r => r.Actual)).ToList();
    }

    [KernelFunction("filter_by_status")]
    [Description("ある年度に指定した状態（達成・概ね達成・未達成・評価不能）のいずれかだった KPI を返す。範囲を指定すればその範囲の KPI、指標を指定すればその指標の各範囲。目標に届かなかったものは [概ね達成, 未達成]。")]
    public IReadOnlyList<KpiEvaluationView> FilterByStatus(
        [Description("状態の一覧: 達成 / 概ね達成 / 未達成 / 評価不能")] KpiStatus[] statuses,
        [Description("年度（西暦）")] int fiscalYear,
        [Description("範囲（協会全体または支部の県名）の一覧。空ならすべて")] string[]? scopes = null,
        [Description("指標キー。指定しないときは null")] string? metric = null)
    {
        var wanted = ParseScopes(scopes);
        return knowledge.Kpis
            .Where(k => !k.IsReference && k.FiscalYears.Contains(fiscalYear) && (metric is null || k.Metric == metric) && (wanted is null || wanted.Contains(k.Scope)))
            .Select(k => evaluator.Evaluate(k.Id, fiscalYear))
            .Where(e => statuses.Contains(e.Status) && e.Result is not null)
            .Select(Views.From)
            .ToList();
    }

    [KernelFunction("compare_years")]
    [Description("一つの指標・範囲の KPI を二つの年度で並べる（目標と実績）。「令和2年度と3年度でどう変わった」に使う。")]
    public IReadOnlyList<KpiEvaluationView> CompareYears(
        [Description("指標キー")] string metric,
        [Description("範囲: 協会全体 または 支部の県名")] string scope,
        [Description("年度（西暦）の一覧、古い順")] int[] fiscalYears)
    {
        var wanted = ParseScope(scope);
        var rows = new List<KpiEvaluationView>();
        foreach (var year in fiscalYears.Distinct().Order())
        {
            var kpi = knowledge.Kpis.FirstOrDefault(k => k.Metric == metric && k.Scope == wanted && k.FiscalYears.Contains(year) && !k.IsReference);
            if (kpi is not null) rows.Add(Views.From(evaluator.Evaluate(kpi.Id, year)));
        }
        return rows;
    }

    private static List<Scope>? ParseScopes(string[]? scopes) => scopes is { Length: > 0 } ? scopes.Select(ParseScope).ToList() : null;

    private static Scope ParseScope(string scope) =>
        Scope.TryParse(scope, out var s) ? s : throw new ArgumentException($"「{scope}」は協会全体または47支部のいずれでもありません。", nameof(scope));
}
