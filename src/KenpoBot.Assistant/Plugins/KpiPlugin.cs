using System.ComponentModel;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Plugins;

/// <summary>Lists and evaluates KPIs with the typed rules of the KPI engine. Read-only.</summary>
public sealed class KpiPlugin(KpiEvaluator evaluator, KnowledgeBase knowledge)
{
    public const string Name = "Kpi";

    [KernelFunction("list_kpis")]
    [Description("KPI の一覧（文言・目標）を返す。アクションプラン（AP5/AP6）、範囲（協会全体・支部）、年度、指標キー、分野で絞り込む。「〜のKPIは」「〜の目標は」に使う。")]
    public IReadOnlyList<KpiEvaluationView> ListKpis(
        [Description("範囲: 協会全体 または 支部の県名。指定しないときは null")] string? scope = null,
        [Description("年度（西暦）。指定しないときは null")] int? fiscalYear = null,
        [Description("アクションプラン AP5 / AP6。指定しないときは null")] string? plan = null,
        [Description("指標キー（例: employer-checkup-data-rate）。指定しないときは null")] string? metric = null,
        [Description("分野: Foundational（基盤的保険者機能）、Strategic（戦略的保険者機能）、Organization（組織・運営体制）。指定しないときは null")] KpiArea? area = null)
    {
        Scope? wanted = scope is null ? null : ParseScope(scope);
        return knowledge.Kpis
            .Where(k => !k.IsReference) // a （参考） line is not a KPI
            .Where(k => wanted is null || k.Scope == wanted)
            .Where(k => fiscalYear is null || k.FiscalYears.Contains(fiscalYear.Value))
            .Where(k => plan is null || knowledge.FindDocument(k.DocumentId)?.Plan == plan)
            .Where(k => metric is null || k.Metric == metric)
            .Where(k => area is null || k.Area == area)
            .Select(k => evaluator.Evaluate(k, null, fiscalYear ?? k.FiscalYears.From))
            .Select(Views.From)
            .ToList();
    }

    [KernelFunction("evaluate_scope")]
    [Description("ある範囲（協会全体または支部）と年度のすべての KPI の達成状況（達成・概ね達成・未達成・評価不能）を、規則と数値つきで評価する。Summary に状態ごとの件数があるので、「いくつ達成した」「未達成は何件」にも使う。")]
    public ScopeStatus EvaluateScope(
        [Description("範囲: 協会全体 または 支部の県名（例: 秋田）")] string scope,
        [Description("年度（西暦、例: 2023）")] int fiscalYear) =>
        Views.From(evaluator.EvaluateScope(ParseScope(scope), fiscalYear));

    [KernelFunction("evaluate_kpi")]
    [Description("一つの KPI を評価する。kpiId（list_kpis の KpiId）か、指標キー・範囲・年度で指定する。whatIfActual を指定すると「もし実績がその値なら」の仮定で評価する。")]
    public KpiEvaluationView? EvaluateKpi(
        [Description("指標キー（例: employer-checkup-data-rate）。kpiId を使うときは null")] string? metric = null,
        [Description("範囲: 協会全体 または 支部の県名。kpiId を使うときは null")] string? scope = null,
        [Description("年度（西暦）。kpiId を使うときは null でよい（その KPI の最初の年度）")] int? fiscalYear = null,
        [Description("仮定の実績値（数値、% の単位なし）。仮定しないときは null")] decimal? whatIfActual = null,
        [Description("KPI の ID（例: fy2023-akita-employer-checkup-data-rate）。metric・scope を使うときは null")] string? kpiId = null)
    {
        KpiDefinition? kpi;
        if (kpiId is not null)
        {
            kpi = knowledge.FindKpi(kpiId) ?? throw new ArgumentException($"KPI「{kpiId}」はありません。", nameof(kpiId));
            fiscalYear ??= kpi.FiscalYears.From;
        }
        else
        {
            if (metric is null || scope is null || fiscalYear is null)
            {
                throw new ArgumentException("kpiId か、metric・scope・fiscalYear の三つを指定してください。", nameof(kpiId));
            }

            var wanted = ParseScope(scope);
            kpi = knowledge.Kpis.FirstOrDefault(k => k.Metric == metric && k.Scope == wanted && k.FiscalYears.Contains(fiscalYear.Value));
        }

        if (kpi is null) return null;
        var year = fiscalYear!.Value;
        return Views.From(whatIfActual is { } actual ? evaluator.WhatIf(kpi.Id, year, actual) : evaluator.Evaluate(kpi.Id, year));
    }

    [KernelFunction("compare_scopes")]
    [Description("一つの指標について複数の範囲（支部・協会全体）の達成状況を比べる。")]
    public IReadOnlyList<KpiEvaluationView> CompareScopes(
        [Description("指標キー（例: employer-checkup-data-rate）")] string metric,
        [Description("年度（西暦）")] int fiscalYear,
        [Description("比べる範囲の一覧（例: [\"秋田\", \"岩手\"]）。空なら全範囲")] string[]? scopes = null) =>
        evaluator.Compare(metric, fiscalYear, scopes?.Select(ParseScope).ToList())
            .Where(r => r.Evaluation is not null).Select(r => Views.From(r.Evaluation!)).ToList();

    [KernelFunction("explain_rules")]
    [Description("達成・概ね達成・未達成・評価不能の判定規則を説明する。")]
    public string ExplainRules() => Rules;

    public const string Rules = """
        KPI の判定規則（文書による）:
        ・達成: 実績が目標を満たす（目標と同じ値も達成）。
        ・概ね達成: 目標に届かないが、達成度が95%以上（令和2年度事業報告書:「概ね達成」は達成度95％以上）。達成度 = 実績 ÷ 目標（低いほど良い指標は 目標 ÷ 実績、本システムの約束事）。
        ・未達成: 上のいずれでもない。
        ・対前年度以上／以下の KPI は前年度実績との比較で、達成か未達成の二択（概ね達成はない）。
        ・「実施する」型は実施していれば達成、していなければ未達成。支部数の KPI は支部数で達成度を計算する。
        ・必要なデータ（結果・前年度値）がないときは評価不能とし、理由を示す。
        """;

    private static Scope ParseScope(string scope) =>
        Scope.TryParse(scope, out var s) ? s : throw new ArgumentException($"「{scope}」は協会全体または47支部のいずれでもありません。", nameof(scope));
}
