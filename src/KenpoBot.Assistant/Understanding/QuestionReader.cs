using System.Globalization;
using System.Text.RegularExpressions;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Corpus;
using KenpoBot.Corpus.Entities;
using KenpoBot.Kpi;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// The one question reader: turns a question and the conversation so far into a <see cref="QuestionFrame"/>. Entities come
/// from <see cref="EntityRecognizer"/>, KPI metrics from <see cref="MetricResolver"/>, glossary terms from
/// <see cref="TermFinder"/>, content words from the morphological analyzer; the intent from <see cref="IntentClassifier"/>.
/// </summary>
public sealed partial class QuestionReader(MetricResolver metrics, TermFinder terms, ContentWords words, KnowledgeBase knowledge, TimeProvider time)
{
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");

    // The KPIs of each metric, so that a candidate metric is checked against its own rows rather than every KPI.
    private readonly ILookup<string, KpiDefinition> kpisByMetric = knowledge.Kpis.ToLookup(k => k.Metric, StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(%|パーセント|ポイント|人|事業所|円|件|日)?")]
    private static partial Regex NumberPattern();

    public int CurrentFiscalYear => JapaneseYears.FiscalYearOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Japan).DateTime));

    private const Asks SubjectlessAsks = Asks.WhatIf | Asks.Gap | Asks.People | Asks.TargetPopulation | Asks.Baseline;

    private const Asks TailAsks = Asks.Target | Asks.Result | Asks.Status | Asks.Kpi | Asks.Rising | Asks.Falling | Asks.WhatIf;

    public QuestionFrame Read(string question, ConversationContext? context = null)
    {
        var text = QueryExpander.Clean(question);
        var entities = EntityRecognizer.Recognize(text);
        var population = text.Contains("被扶養者", StringComparison.Ordinal) ? Population.Dependent
            : text.Contains("被保険者", StringComparison.Ordinal) ? Population.Insured : Population.Any;
        var asks = Cues.AskWords.Where(a => Cues.Any(text, a.Words)).Aggregate(Asks.None, (all, a) => all | a.Ask);
        var order = Cues.OrderWords.Where(o => Cues.Any(text, o.Words)).Select(o => (RankOrder?)o.Order).FirstOrDefault();
        var status = Cues.StatusWords.Where(s => Cues.Any(text, s.Words)).Select(s => s.Statuses).FirstOrDefault() ?? [];
        // 「目標達成してる？」 asks for the status, not the target.
        if (TargetReached().IsMatch(text)) asks &= ~Asks.Target;
        if (entities.Plan is null && PlanInForce().IsMatch(text)) asks |= Asks.CurrentPlan;
        // 「目標は何％でしたか」 asks for the target: only 実績/結果 make it a question on the result too.
        if ((asks & Asks.Target) != 0 && !text.Contains("実績", StringComparison.Ordinal) && !text.Contains("結果", StringComparison.Ordinal)) asks &= ~Asks.Result;

        var scopes = entities.DistinctScopes.ToList();
        var years = entities.Years.ToList();
        // 「令和4年度末の値」 is the year of a reference value, not of the KPI.
        int? baselineYear = null;
        if (years.FirstOrDefault(y => JapaneseYears.Find(text).Any(m => m.FiscalYear == y && text.AsSpan(m.Index + m.Length).StartsWith("末"))) is var b and > 0)
        {
            baselineYear = b;
            years.Remove(b);
            asks |= Asks.Baseline;
        }
        var plan = entities.Plan;
        var matches = metrics.Find(text);
        var metricList = metrics.Resolve(matches, population, m => Available(m, scopes, years, plan)).ToList();
        // 「回収率は前年度より上がった？」: a name's tail, when the question is about KPI figures or follows one.
        if (metricList.Count == 0 && ((asks & TailAsks) != 0 || context?.Metrics.Count > 0))
        {
            var tail = metrics.ByTail(text);
            metricList = context?.Metrics.Where(tail.Contains).ToList() is { Count: > 0 } talkedAbout ? talkedAbout
                : tail.Where(m => Available(m, scopes, years, plan)).ToList();
        }
        var term = metricList.Count == 0 || (asks & Asks.Definition) != 0 ? terms.Find(Blank(text, entities.Covered)).Entry : null;
        if ((asks & Asks.Change) != 0) asks &= ~Asks.Definition; // 「どういう扱いになりましたか」 asks what changed
        var named = matches.Where(m => metricList.Contains(m.Metric)).ToList();
        var numbers = Numbers(text, entities.Covered, named);
        var topic = string.Join(" ", words.Topic(text, entities.Covered).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !named.Any(n => PartOf(w, MetricResolver.Key(n.Name)))));

        var frame = new QuestionFrame
        {
            Text = text,
            Scopes = scopes,
            Region = entities.Region,
            Years = years,
            RelativeYear = entities.Relative,
            Plan = plan,
            Plans = entities.Plans,
            Metrics = metricList,
            Population = population,
            StatusFilter = status,
            BaselineYear = baselineYear,
            Order = order,
            Numbers = numbers,
            Asks = asks,
            Term = term,
            Topic = topic,
        };
        // 「回収率」 after a question on 返納金債権の回収率 is that one, not also 保険証回収率.
        if (metricList.Count > 1 && context?.Metrics.FirstOrDefault(metricList.Contains) is { } same) frame = frame with { Metrics = [same] };
        frame = frame with { IsFollowUp = context is not null && IsFollowUp(frame) };
        frame = Resolve(frame, context);
        return frame with { Intent = IntentClassifier.Classify(frame, context) };
    }

    /// <summary>「今のアクションプラン」「現在は第何期」「いま動いているアクションプラン」: the plan in force.</summary>
    [GeneratedRegex(@"(?:今|いま|現在|現行|最新).{0,10}(?:アクションプラン|第何期|何期)|(?:アクションプラン|何期).{0,6}(?:今|いま|現在|現行)")]
    private static partial Regex PlanInForce();

    [GeneratedRegex(@"目標\s*(?:を|に|は)?\s*(?:達成|届|クリア|満た)")]
    private static partial Regex TargetReached();

    /// <summary>
    /// True when a content word is part of a KPI name the question used: its letters other than hiragana all stand in the name
    /// (健診 analysed as 診る is still part of 事業者健診データ取得率).
    /// </summary>
    private static bool PartOf(string word, string nameKey)
    {
        var key = MetricResolver.Key(word);
        if (nameKey.Contains(key, StringComparison.Ordinal)) return true;
        var letters = key.Where(c => c is not (>= '\u3041' and <= '\u309F')).ToList();
        return letters.Count > 0 && letters.All(c => nameKey.Contains(c));
    }

    /// <summary>The text with the covered characters (entities) blanked out.</summary>
    private static string Blank(string text, bool[] covered)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++) if (covered[i]) chars[i] = '　';
        return new string(chars);
    }

    /// <summary>A question with no subject of its own, or one that points back (それ, その, じゃあ…は？).</summary>
    private static bool IsFollowUp(QuestionFrame frame) =>
        (frame.Metrics.Count == 0 && frame.Term is null && frame.Topic.Length == 0)
        // 「55%で終わったら、目標まで何人足りない？」: a KPI ask with no KPI of its own is about the one talked about.
        || (frame.Metrics.Count == 0 && frame.Term is null && frame.Scopes.Count == 0 && (frame.Asks & SubjectlessAsks) != 0)
        || Cues.Demonstratives.Any(d => frame.Text.StartsWith(d, StringComparison.Ordinal) || frame.Text.Contains(d + "の", StringComparison.Ordinal))
        || Cues.FollowUpOpeners.Any(o => frame.Text.StartsWith(o, StringComparison.Ordinal));

    /// <summary>
    /// Fills what a follow-up leaves out from the conversation; resolves relative years against the year talked about (or today).
    /// </summary>
    private QuestionFrame Resolve(QuestionFrame frame, ConversationContext? context)
    {
        var inherited = new List<string>();
        var years = frame.Years;
        if (years.Count == 0 && frame.RelativeYear is { } relative)
        {
            var from = !relative.FromToday && context?.FiscalYear is { } talkedAbout ? talkedAbout : CurrentFiscalYear;
            years = [from + relative.Shift];
        }
        if (!frame.IsFollowUp || context is null) return frame with { Years = years };

        var metricsOut = frame.Metrics;
        if (metricsOut.Count == 0 && context.Metrics.Count > 0 && !frame.Has(Asks.Kpi | Asks.Count))
        {
            metricsOut = context.Metrics;
            inherited.Add("metric");
        }
        var scopes = frame.Scopes;
        if (scopes.Count == 0 && context.Scopes.Count > 0)
        {
            scopes = [.. context.Scopes.Select(Scope.Parse)];
            inherited.Add("scope");
        }
        // 「今も続いてる？」 is about now, not the year talked about.
        if (years.Count == 0 && context.FiscalYear is { } year && frame.Plan is null && !frame.Has(Asks.StillOngoing))
        {
            years = [year];
            inherited.Add("year");
        }
        var plan = frame.Plan;
        if (plan is null && context.Plan is not null && frame.Years.Count == 0 && frame.Scopes.Count == 0)
        {
            plan = context.Plan;
            inherited.Add("plan");
        }
        return frame with { Metrics = metricsOut, Scopes = scopes, Years = years, Plan = plan, Inherited = inherited };
    }

    /// <summary>True when the corpus has a KPI of the metric for the scopes, years and plan given (any of them when none).</summary>
    private bool Available(string metric, IReadOnlyList<Scope> scopes, IReadOnlyList<int> years, string? plan) =>
        kpisByMetric[metric].Any(k => (scopes.Count == 0 || scopes.Contains(k.Scope))
            && (years.Count == 0 || years.Any(k.FiscalYears.Contains))
            && (plan is null || knowledge.FindDocument(k.DocumentId)?.Plan == plan));

    /// <summary>Numbers with a unit, or with a decimal point, outside entities and KPI names (「3か月以内」 is part of a name).</summary>
    private static List<NumberMention> Numbers(string text, bool[] covered, IReadOnlyList<MetricMatch> named)
    {
        var rest = Blank(text, covered);
        foreach (var match in named.Where(m => m.Coverage >= 1))
        {
            var key = JapaneseYears.Normalize(match.Name);
            if (rest.Contains(key, StringComparison.Ordinal)) rest = rest.Replace(key, new string(' ', key.Length), StringComparison.Ordinal);
        }
        var found = new List<NumberMention>();
        foreach (Match m in NumberPattern().Matches(rest))
        {
            var unit = m.Groups[2].Value;
            var value = m.Groups[1].Value;
            var after = m.Index + m.Length < rest.Length ? rest[m.Index + m.Length] : ' ';
            if (unit.Length == 0 && (!value.Contains('.') || after is 'か' or 'ヶ' or 'カ' or '月' or '期' or '年' or '支' or '項' or '部' or 'の')) continue;
            if (decimal.TryParse(value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                found.Add(new NumberMention(number, unit == "パーセント" ? "%" : unit));
        }
        return found;
    }
}
