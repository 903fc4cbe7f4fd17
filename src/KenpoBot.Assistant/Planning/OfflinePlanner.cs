using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Planning;

/// <summary>
/// The default planner: understands the questions staff ask without a model, and answers by invoking the same Kernel
/// functions an LLM would call (every call is recorded as a ToolCall).
/// </summary>
public sealed class OfflinePlanner(Kernel kernel, KnowledgeBase knowledge, QuestionParser parser)
{
    private static readonly string[] GlossaryMarkers = ["とは", "って何", "ってなに", "の意味", "とはなに", "とは何"];
    private static readonly string[] StatusMarkers = ["達成状況", "達成度", "達成し", "達成でき", "達成？", "達成?", "評価"];
    private static readonly string[] TargetMarkers = ["目標", "KPIは", "KPI は", "のKPI", "に関するKPI"];
    private static readonly string[] ResultMarkers = ["実績", "結果", "何%", "いくつ"];
    private static readonly string[] CompareMarkers = ["比べ", "比較", "違い"];

    private readonly AnswerComposer compose = new(knowledge);

    public async Task<(Answer Answer, ConversationContext? Context)> AnswerAsync(string question, ConversationContext? previous, CancellationToken ct)
    {
        var calls = new List<ToolCall>();
        var q = parser.Parse(question);
        var text = q.Text;
        if (text.Length == 0) return (AnswerComposer.Help(question, calls), previous);
        var mentionsKpi = text.Contains("KPI", StringComparison.OrdinalIgnoreCase);

        // Follow-ups: 「じゃあ岩手は？」「前年度は？」 keep the last intent and fill in what changed; 前年度 counts from the year talked about.
        if (previous is not null && q.Topic.Length == 0 && !GlossaryMarkers.Any(text.Contains)
            && (q.Scopes.Count > 0 || q.FiscalYear is not null || q.Number is not null))
        {
            var scope = q.Scopes.Count > 0 ? q.Scopes[0].Name : previous.Scope;
            var year = q.YearShift is { } shift && previous.FiscalYear is { } talkedAbout ? talkedAbout + shift : q.FiscalYear ?? previous.FiscalYear;
            if (q.Number is { } supposed && previous.Metric is not null && scope is not null && year is not null)
                return await WhatIfAsync(question, previous.Metric, scope, year.Value, supposed, calls, ct);
            // 「秋田支部の令和5年度のKPIの達成状況は？」 after a question on one KPI asks for all of them again.
            var metric = mentionsKpi ? null : previous.Metric;
            if (previous.Intent is Intent.KpiStatus && scope is not null && year is not null)
                return metric is null
                    ? await ScopeStatusAsync(question, scope, year.Value, calls, ct)
                    : await KpiValueAsync(question, metric, scope, year.Value, calls, ct);
        }

        if (GlossaryMarkers.Any(text.Contains) || knowledge.FindTerm(text.TrimEnd('？', '?')) is not null)
        {
            var term = GlossaryMarkers.Select(m => text.IndexOf(m, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(text.Length).Min();
            var lookup = await Invoke<TermLookup>(GlossaryPlugin.Name, "lookup_term", new() { ["term"] = text[..term] }, calls, ct);
            if (lookup is { Found: true, Entry: { } entry }) return (compose.Glossary(question, entry, calls), previous);
        }

        var scopeName = q.Scopes.Count > 0 ? q.Scopes[0].Name : null;
        var hasKpiWords = mentionsKpi || StatusMarkers.Any(text.Contains) || TargetMarkers.Any(text.Contains) || ResultMarkers.Any(text.Contains)
            || (q.Topic.Length >= 3 && (scopeName is not null || q.FiscalYear is not null) && NamesAMetric(q.Topic));

        if (CompareMarkers.Any(text.Contains) && q.Scopes.Count >= 2 && q.Topic.Length > 0)
        {
            var metric = await ResolveMetricAsync(q.Topic, null, q.FiscalYear, null, calls, ct);
            var year = q.FiscalYear ?? LatestYear(metric, q.Scopes[0]);
            if (metric is not null && year is not null)
            {
                var rows = await Invoke<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "compare_scopes",
                    new() { ["metric"] = metric, ["fiscalYear"] = year.Value, ["scopes"] = q.Scopes.Select(s => s.Name).ToArray() }, calls, ct) ?? [];
                return (compose.KpiList(question, Intent.Comparison, $"{MetricName(metric)}（{JapaneseYears.Describe(year.Value)}）の比較です。", rows, calls),
                    new ConversationContext(Intent.Comparison, q.Scopes[0].Name, year, metric, null));
            }
        }

        if (q.Number is { } whatIf && (text.Contains("なら") || text.Contains("だったら")) && previous?.Metric is { } lastMetric)
        {
            var metric = q.Topic.Length > 0 ? await ResolveMetricAsync(q.Topic, scopeName ?? previous.Scope, q.FiscalYear ?? previous.FiscalYear, null, calls, ct) ?? lastMetric : lastMetric;
            if ((scopeName ?? previous.Scope) is { } s && (q.FiscalYear ?? previous.FiscalYear) is { } y)
                return await WhatIfAsync(question, metric, s, y, whatIf, calls, ct);
        }

        if (hasKpiWords && (scopeName is not null || q.Plan is not null || q.FiscalYear is not null))
        {
            var scope = scopeName ?? Scope.AssociationName;
            if (q.Topic.Length == 0 && q.FiscalYear is { } year && q.Plan is null)
                return await ScopeStatusAsync(question, scope, year, calls, ct);
            if (q.Topic.Length > 0)
            {
                var metric = await ResolveMetricAsync(q.Topic, scope, q.FiscalYear, q.Plan, calls, ct);
                if (metric is not null)
                {
                    var isTarget = TargetMarkers.Any(text.Contains) || q.Plan is not null;
                    if (isTarget && !ResultMarkers.Any(text.Contains) && !StatusMarkers.Any(text.Contains))
                    {
                        var rows = await Invoke<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "list_kpis",
                            new() { ["scope"] = scope, ["fiscalYear"] = q.FiscalYear, ["plan"] = q.Plan, ["metric"] = metric }, calls, ct) ?? [];
                        if (rows.Count > 0)
                        {
                            var where = q.Plan is not null ? $"第{q.Plan[2..]}期アクションプラン" : $"{Scope.Parse(scope).DisplayName}{(q.FiscalYear is { } fy ? " " + JapaneseYears.Describe(fy) : "")}";
                            return (compose.KpiList(question, Intent.KpiTarget, $"{where}の「{MetricName(metric)}」の KPI は次のとおりです。", rows, calls, withStatus: false),
                                new ConversationContext(Intent.KpiTarget, scope, q.FiscalYear, metric, q.Plan));
                        }
                    }
                    if ((q.FiscalYear ?? LatestYear(metric, Scope.Parse(scope))) is { } year2)
                        return await KpiValueAsync(question, metric, scope, year2, calls, ct);
                }
            }
            else if (q.Plan is not null)
            {
                var rows = await Invoke<IReadOnlyList<KpiEvaluationView>>(KpiPlugin.Name, "list_kpis", new() { ["plan"] = q.Plan }, calls, ct) ?? [];
                return (compose.KpiList(question, Intent.KpiTarget, $"第{q.Plan[2..]}期アクションプランの KPI は次のとおりです。", rows, calls, withStatus: false),
                    new ConversationContext(Intent.KpiTarget, null, null, null, q.Plan));
            }
        }

        return (await SearchAnswerAsync(question, q, calls, ct), previous);
    }

    private async Task<(Answer, ConversationContext?)> ScopeStatusAsync(string question, string scope, int year, List<ToolCall> calls, CancellationToken ct)
    {
        var status = await Invoke<ScopeStatus>(KpiPlugin.Name, "evaluate_scope", new() { ["scope"] = scope, ["fiscalYear"] = year }, calls, ct);
        var display = Scope.Parse(scope).DisplayName;
        var context = new ConversationContext(Intent.KpiStatus, scope, year, null, null);
        if (status is null || status.Kpis.Count == 0)
        {
            var years = knowledge.Kpis.Where(k => k.Scope == Scope.Parse(scope)).Select(k => k.FiscalYears.ToString()).Distinct().ToList();
            var available = years.Count > 0 ? $"{display}について資料にあるのは {string.Join("、", years)} 年度の KPI です。" : "資料には、協会全体と青森・岩手・宮城・秋田・山形・福島の各支部の KPI があります。";
            return (new Answer(question, Intent.KpiStatus, $"{display}の{JapaneseYears.Describe(year)}の KPI のデータは資料にありません。{available}", [], [], calls)
            { Suggestions = AnswerComposer.DefaultSuggestions }, context);
        }
        var s = status.Summary;
        var header = $"{display} {JapaneseYears.Describe(year)}の KPI 達成状況: 達成 {s.Achieved} / 概ね達成 {s.MostlyAchieved} / 未達成 {s.NotAchieved} / 評価不能 {s.NotEvaluable}（全 {status.Kpis.Count} 件）";
        var answer = compose.KpiList(question, Intent.KpiStatus, header, status.Kpis, calls) with { Summary = s };
        return (answer with { Suggestions = [$"じゃあ{(scope == "岩手" ? "秋田" : "岩手")}は？", "概ね達成の基準は？", $"{display}の事業者健診データ取得率は？"] }, context);
    }

    private async Task<(Answer, ConversationContext?)> KpiValueAsync(string question, string metric, string scope, int year, List<ToolCall> calls, CancellationToken ct)
    {
        var view = await Invoke<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", new() { ["metric"] = metric, ["scope"] = scope, ["fiscalYear"] = year }, calls, ct);
        var display = Scope.Parse(scope).DisplayName;
        var context = new ConversationContext(Intent.KpiStatus, scope, year, metric, null);
        if (view is null)
            return (new Answer(question, Intent.KpiStatus, $"{display}の{JapaneseYears.Describe(year)}の「{MetricName(metric)}」の KPI は資料にありません。", [], [], calls) { Suggestions = AnswerComposer.DefaultSuggestions }, context);
        return (compose.KpiList(question, Intent.KpiStatus, $"{display} {JapaneseYears.Describe(year)}の「{MetricName(metric)}」", [view], calls), context);
    }

    private async Task<(Answer, ConversationContext?)> WhatIfAsync(string question, string metric, string scope, int year, decimal actual, List<ToolCall> calls, CancellationToken ct)
    {
        var view = await Invoke<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi",
            new() { ["metric"] = metric, ["scope"] = scope, ["fiscalYear"] = year, ["whatIfActual"] = actual }, calls, ct);
        var context = new ConversationContext(Intent.KpiStatus, scope, year, metric, null);
        if (view is null)
            return (new Answer(question, Intent.WhatIf, $"{Scope.Parse(scope).DisplayName}の{JapaneseYears.Describe(year)}の「{MetricName(metric)}」の KPI は資料にないため、仮定の評価はできません。", [], [], calls), context);
        return (compose.KpiList(question, Intent.WhatIf, $"もし{Scope.Parse(scope).DisplayName}の{JapaneseYears.Describe(year)}の「{MetricName(metric)}」が {actual} だった場合: {view.Status}", [view], calls), context);
    }

    /// <summary>The metric a topic names: the best KPI entry of a search over KPIs, narrowed by scope, year and plan.</summary>
    private async Task<string?> ResolveMetricAsync(string topic, string? scope, int? year, string? plan, List<ToolCall> calls, CancellationToken ct)
    {
        var hits = await Invoke<IReadOnlyList<PlanPassage>>(KnowledgePlugin.Name, "search_plans",
            new() { ["query"] = topic, ["kind"] = EntryKind.Kpi, ["scope"] = scope, ["fiscalYear"] = year, ["plan"] = plan, ["top"] = 3 }, calls, ct) ?? [];
        return hits.Select(h => knowledge.FindKpi(h.Id)?.Metric).FirstOrDefault(m => m is not null);
    }

    /// <summary>True when the topic is (part of) a KPI's name or wording: 「事業者健診データ取得率」.</summary>
    private bool NamesAMetric(string topic) =>
        knowledge.Kpis.Any(k => JapaneseYears.Normalize(k.MetricName).Contains(topic, StringComparison.Ordinal) || JapaneseYears.Normalize(k.Wording).Contains(topic, StringComparison.Ordinal));

    private int? LatestYear(string? metric, Scope scope) =>
        metric is null ? null : knowledge.Results.Where(r => knowledge.FindKpi(r.KpiId) is { } k && k.Metric == metric && k.Scope == scope).Select(r => (int?)r.FiscalYear).Max();

    private string MetricName(string metric) => knowledge.Kpis.First(k => k.Metric == metric).MetricName;

    private async Task<Answer> SearchAnswerAsync(string question, ParsedQuestion q, List<ToolCall> calls, CancellationToken ct)
    {
        var hits = (await Invoke<IReadOnlyList<PlanPassage>>(KnowledgePlugin.Name, "search_plans", new() { ["query"] = q.Text, ["top"] = 5 }, calls, ct) ?? []).ToList();
        // A named plan (第6期) also searches the topic alone within that plan (body text does not repeat the plan's name), and
        // those passages come first: 「第5期の…」 must not be answered from the 第6期 plan.
        if (q.Plan is not null && q.Topic.Length > 0)
        {
            var planHits = await Invoke<IReadOnlyList<PlanPassage>>(KnowledgePlugin.Name, "search_plans",
                new() { ["query"] = q.Topic, ["plan"] = q.Plan, ["top"] = 5 }, calls, ct) ?? [];
            hits = [.. planHits, .. hits.Where(h => planHits.All(p => p.Id != h.Id))];
        }
        return compose.Search(question, q.Text, hits, calls);
    }

    /// <summary>Invokes a Kernel function and records the call.</summary>
    private async Task<T?> Invoke<T>(string plugin, string function, Dictionary<string, object?> arguments, List<ToolCall> calls, CancellationToken ct)
    {
        var args = new KernelArguments();
        foreach (var (key, value) in arguments.Where(a => a.Value is not null)) args[key] = value;
        calls.Add(new ToolCall(plugin, function, arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value)));
        var result = await kernel.InvokeAsync(plugin, function, args, ct);
        return result.GetValue<T>();
    }
}
