using KenpoBot.Assistant.Conversation;
using KenpoBot.Kpi;

namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// Picks the intent from a frame's slots. Each rule reads typed slots (metrics, scopes, years, what is asked), not the text;
/// the rules are tried from the most specific question shape to the most general.
/// </summary>
public static class IntentClassifier
{
    /// <summary>What a KPI question asks for: any of these makes a named metric a KPI question rather than a document one.</summary>
    private const Asks KpiAsks = Asks.Target | Asks.Result | Asks.Status | Asks.Gap | Asks.Baseline | Asks.TargetPopulation | Asks.Kpi
        | Asks.WhatIf | Asks.People | Asks.Count;

    public static Intent Classify(QuestionFrame f, ConversationContext? context)
    {
        if (f.Text.Length == 0) return Intent.Help;
        var metric = f.Metrics.Count > 0;
        var inheritedMetric = f.Inherited.Contains("metric");
        var residual = f.Topic.Length > 0;
        var names = f.Scopes.Count > 0 || f.Years.Count > 0 || f.Plan is not null;

        if (f.Has(Asks.Why) && (metric || f.Term is not null || residual) && !(inheritedMetric && residual && f.Term is null && !f.IsFollowUp)) return Intent.Why;
        if (f.Has(Asks.CurrentPlan)) return Intent.CurrentPlan;
        if (IsDefinition(f, metric && !inheritedMetric)) return Intent.Glossary;
        if (metric && inheritedMetric && residual && (f.Asks & (KpiAsks & ~Asks.Count)) == 0 && f.Numbers.Count == 0) return Intent.Search;
        if (metric && (f.Has(Asks.WhatIf) || (f.IsFollowUp && f.Numbers.Any(n => n.Unit is "%" or "人" or "事業所" or "円" or "件"))))
        {
            if (f.Numbers.Count > 0 || (context?.LastValue is not null && (f.Has(Asks.Gap) || f.Has(Asks.People)))) return Intent.WhatIf;
        }
        if (metric && f.Order is not null) return Intent.Ranking;
        // 「未達成だったKPIを全部挙げて」「届かなかった支部はどこ？」「概ね達成だった秋田支部のKPIは？」
        if (f.StatusFilter.Count > 0 && !f.StatusFilter.Contains(KpiStatus.NotEvaluable) && !f.Has(Asks.Count)
            && (f.Has(Asks.List) || f.Has(Asks.Which) || f.Region is not null || (!metric && f.Has(Asks.Kpi))))
        {
            if (metric || names) return Intent.StatusFilter;
        }
        if (!metric && f.Has(Asks.Count) && (f.Has(Asks.Kpi) || f.Has(Asks.Status)) && names) return Intent.Count;
        if (metric && (f.Years.Count >= 2 || (f.Years.Count == 1 && f.Has(Asks.Change) && f.Plan is not null && f.Has(Asks.Kpi)))) return Intent.Change;
        if (metric && (f.Has(Asks.Rising) || f.Has(Asks.Falling)) && f.Text.Contains("前年", StringComparison.Ordinal)) return Intent.Change;
        if (metric && f.Scopes.Count >= 2 && f.Region is null) return Intent.Comparison;
        if (metric && f.Has(Asks.Compare) && f.IsFollowUp && context is not null) return Intent.Comparison;
        if (metric && f.Has(Asks.Gap) && !f.Has(Asks.WhatIf)) return Intent.Gap;
        if (metric)
        {
            // 「第5期の…の照会業務の強化は第6期ではどういう扱いに」「この取組って今も続いてる？」: about a measure, not its figures.
            if ((f.Has(Asks.Change) || f.Has(Asks.StillOngoing)) && (f.Asks & KpiAsks) == 0) return Intent.Search;
            if (f.Has(Asks.Status) && !f.Has(Asks.Target)) return Intent.KpiStatus;
            if (f.Has(Asks.TargetPopulation) || (f.Has(Asks.Baseline) && !f.Has(Asks.Target)) || f.Has(Asks.Result)) return Intent.KpiValue;
            if (f.Has(Asks.Target) || f.Has(Asks.Kpi)) return Intent.KpiTarget;
            if (f.IsFollowUp && context is not null && IsKpiIntent(context.Intent)) return context.Intent;
            if (f.Has(Asks.Definition)) return Intent.Search;
            if (!residual) return Intent.KpiValue;
            return Intent.Search;
        }
        if ((f.Has(Asks.Kpi) || f.Has(Asks.Status)) && names)
        {
            if (f.Has(Asks.Count)) return Intent.Count;
            if (f.Plan is not null && f.Scopes.Count == 0 && f.Years.Count == 0) return Intent.KpiTarget;
            return f.Has(Asks.Target) && !f.Has(Asks.Status) ? Intent.KpiTarget : Intent.KpiStatus;
        }
        if (f.IsFollowUp && context is not null && !residual && IsKpiIntent(context.Intent)) return context.Intent is Intent.Comparison or Intent.Ranking ? Intent.KpiValue : context.Intent;
        return Intent.Search;
    }

    private static bool IsDefinition(QuestionFrame f, bool metric)
    {
        // A bare term (「インセンティブ制度？」) asks what it is; not when the question names years, plans or an order.
        if (!f.Has(Asks.Definition)) return f.Term is not null && f.Topic.Length == 0 && !metric && f.Scopes.Count == 0 && f.Years.Count == 0 && f.Plan is null && f.Order is null;
        if (f.Term is null) return f.IsFollowUp && !metric && f.Topic.Length == 0; // 「その言葉の意味は？」: a term of the last answer
        return !f.Has(Asks.Kpi) && !(metric && (f.Has(Asks.Target) || f.Has(Asks.Result)));
    }

    private static bool IsKpiIntent(Intent intent) => intent is Intent.KpiStatus or Intent.KpiTarget or Intent.KpiValue or Intent.WhatIf
        or Intent.Comparison or Intent.Ranking or Intent.Change or Intent.Gap or Intent.Count or Intent.StatusFilter;
}
