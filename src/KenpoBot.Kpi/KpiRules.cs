using KenpoBot.Corpus;

namespace KenpoBot.Kpi;

/// <summary>The rules of shared/KPI-RULES.md, one function per kind of target. Pure.</summary>
internal static class KpiRules
{
    /// <summary>概ね達成: not met, but 達成度 ≥ 95% (001: 「概ね達成」は達成度95％以上としている).</summary>
    public const decimal MostlyAchievedDegree = 0.95m;

    /// <summary>ジェネリック医薬品: a branch at or above this share must instead keep to its previous year-end figure.</summary>
    public const decimal GenericDrugLevel = 80m;

    public static KpiEvaluation Evaluate(KpiDefinition definition, int fiscalYear, KpiResult? result, bool isWhatIf, string? rulePrefix = null)
    {
        var outcome = result is null
            ? Unavailable($"{fiscalYear}年度の実績がまだ公表されていない")
            : definition.Target.Rule switch
            {
                SpecialRule.GenericDrug80 => GenericDrug(definition, result),
                SpecialRule.SmallTenderException => SmallTender(definition, result),
                SpecialRule.HealthCommitteeCompound => HealthCommittee(definition, result),
                _ => ByKind(definition, result),
            };
        var gap = outcome.HasGap && result?.Actual is { } actual && outcome.Target is { } target
            ? Gap(definition, actual, target, outcome)
            : default;
        return new KpiEvaluation
        {
            Definition = definition,
            FiscalYear = fiscalYear,
            Status = outcome.Status,
            Actual = result?.Actual,
            ActualText = result?.ActualText,
            Previous = result?.Previous,
            Target = outcome.Target ?? definition.Target.Value,
            AchievementDegree = outcome.Degree,
            Rule = (rulePrefix ?? "") + outcome.Rule,
            Conditions = outcome.Conditions ?? [],
            Gap = gap.Value,
            GapPeople = gap.People,
            GapText = gap.Text,
            UnavailableReason = outcome.Unavailable,
            IsWhatIf = isWhatIf,
            Result = result,
        };
    }

    private sealed record Outcome(KpiStatus Status, string Rule)
    {
        public decimal? Target { get; init; }
        public decimal? Degree { get; init; }
        public bool LowerIsBetter { get; init; }
        /// <summary>"目標" or "前年度実績": what <see cref="Target"/> is, for the gap text.</summary>
        public string TargetLabel { get; init; } = "目標";
        public bool HasGap { get; init; } = true;
        public string? Unavailable { get; init; }
        public IReadOnlyList<KpiConditionResult>? Conditions { get; init; }
    }

    private static Outcome ByKind(KpiDefinition definition, KpiResult result)
    {
        var target = definition.Target;
        if (target.Kind == TargetKind.Done) return Done(result.ActualText);
        if (result.Actual is not { } actual) return NotNumeric(result);
        return target.Kind switch
        {
            TargetKind.AbsoluteHigher or TargetKind.Branches => target.Value is { } t ? Higher(actual, t, target.Unit) : NoTarget(),
            TargetKind.AbsoluteLower => target.Value is { } t ? Lower(actual, t, target.Unit) : NoTarget(),
            TargetKind.PreviousHigher or TargetKind.PreviousLower => result.Previous is { } p
                ? Relative(actual, p, target.Unit, higher: target.Kind == TargetKind.PreviousHigher)
                : Unavailable("前年度の実績が公表されておらず、対前年度の比較ができない"),
            _ => throw new ArgumentOutOfRangeException(nameof(definition), target.Kind, "未対応の目標の種類です。"),
        };
    }

    /// <summary>Absolute, higher is better: met if actual ≥ target; 達成度 = actual ÷ target.</summary>
    private static Outcome Higher(decimal actual, decimal target, Unit unit)
    {
        var head = $"目標 {KpiFormat.Value(target, unit)} 以上に対し実績 {KpiFormat.Value(actual, unit)}。";
        decimal? degree = target > 0 ? actual / target : null;
        if (actual >= target)
        {
            var shown = degree is { } d ? $"（達成度 {KpiFormat.Degree(d)}）" : "";
            return new(KpiStatus.Achieved, head + "実績が目標以上のため達成" + shown) { Target = target, Degree = degree };
        }
        if (degree is not { } ratio)
            return new(KpiStatus.NotAchieved, head + "実績が目標に届かないため未達成") { Target = target };
        return ratio >= MostlyAchievedDegree
            ? new(KpiStatus.MostlyAchieved, head + $"達成度 {KpiFormat.Degree(ratio)}（95%以上）のため概ね達成") { Target = target, Degree = ratio }
            : new(KpiStatus.NotAchieved, head + $"達成度 {KpiFormat.Degree(ratio)}（95%未満）のため未達成") { Target = target, Degree = ratio };
    }

    /// <summary>Absolute, lower is better: met if actual ≤ target; 達成度 = target ÷ actual, a convention the rule text states when it decides.</summary>
    private static Outcome Lower(decimal actual, decimal target, Unit unit)
    {
        var head = $"目標 {KpiFormat.Value(target, unit)} 以下に対し実績 {KpiFormat.Value(actual, unit)}。";
        if (actual <= target)
        {
            decimal? met = actual > 0 ? target / actual : null;
            var why = actual == 0 ? "実績が 0 のため達成" : "実績が目標以下のため達成";
            return new(KpiStatus.Achieved, head + why) { Target = target, Degree = met, LowerIsBetter = true };
        }
        var ratio = target / actual;
        const string convention = "（以下が良い指標の達成度は「目標 ÷ 実績」で計算。文書に例がないため本システムの約束事）";
        return ratio >= MostlyAchievedDegree
            ? new(KpiStatus.MostlyAchieved, head + $"達成度 {KpiFormat.Degree(ratio)}（95%以上）のため概ね達成" + convention) { Target = target, Degree = ratio, LowerIsBetter = true }
            : new(KpiStatus.NotAchieved, head + $"達成度 {KpiFormat.Degree(ratio)}（95%未満）のため未達成" + convention) { Target = target, Degree = ratio, LowerIsBetter = true };
    }

    /// <summary>Relative to the previous year: binary, no 概ね達成 (FY2020 返納金債権回収率 54.11% → 53.40% is 未達成).</summary>
    private static Outcome Relative(decimal actual, decimal previous, Unit unit, bool higher)
    {
        var direction = higher ? "以上" : "以下";
        var head = $"目標 前年度実績 {KpiFormat.Value(previous, unit)} {direction}（対前年度{direction}）に対し実績 {KpiFormat.Value(actual, unit)}。";
        var met = higher ? actual >= previous : actual <= previous;
        if (met)
            return new(KpiStatus.Achieved, head + $"前年度{direction}のため達成") { Target = previous, LowerIsBetter = !higher, TargetLabel = "前年度実績" };
        var ratio = previous > 0 ? $"前年度比 {KpiFormat.Degree(actual / previous)}。" : "";
        var moved = higher ? "下回った" : "上回った";
        return new(KpiStatus.NotAchieved, head + $"前年度を{moved}ため未達成（{ratio}前年度との比較は達成か未達成の二択で、概ね達成はない）")
        {
            Target = previous, LowerIsBetter = !higher, TargetLabel = "前年度実績",
        };
    }

    /// <summary>Done or not: 実施 → 達成, 未実施 → 未達成; binary.</summary>
    private static Outcome Done(string actualText)
    {
        var text = actualText.Trim();
        if (text.StartsWith("未実施", StringComparison.Ordinal))
            return new(KpiStatus.NotAchieved, $"目標は実施。結果は「{text}」のため未達成") { HasGap = false };
        if (text.StartsWith("実施", StringComparison.Ordinal))
            return new(KpiStatus.Achieved, $"目標は実施。結果は「{text}」のため達成") { HasGap = false };
        return Unavailable($"結果が「{text}」と公表されており、実施したかどうかを読み取れない");
    }

    /// <summary>
    /// ジェネリック医薬品使用割合, per scope: previous ≥ 80% → at or above the previous figure (binary); else the scope's target
    /// (80% unless the plan sets its own year-end target). Without a previous figure the scope's own target is used, and the text says so.
    /// </summary>
    private static Outcome GenericDrug(KpiDefinition definition, KpiResult result)
    {
        if (result.Actual is not { } actual) return NotNumeric(result);
        var unit = definition.Target.Unit;
        var level = KpiFormat.Value(GenericDrugLevel, Unit.Percent);
        if (result.Previous is { } previous)
        {
            if (previous >= GenericDrugLevel)
            {
                var relative = Relative(actual, previous, unit, higher: true);
                return relative with { Rule = $"前年度末 {KpiFormat.Value(previous, unit)} が {level} 以上のため、対前年度以上で判定。" + relative.Rule };
            }
            var target = definition.Target.Value ?? GenericDrugLevel;
            var absolute = Higher(actual, target, unit);
            return absolute with { Rule = $"前年度末 {KpiFormat.Value(previous, unit)} が {level} 未満のため、目標 {KpiFormat.Value(target, unit)} 以上で判定。" + absolute.Rule };
        }
        if (definition.Target.Value is { } own)
        {
            var absolute = Higher(actual, own, unit);
            return absolute with
            {
                Rule = $"前年度末の実績が公表されていないため、{level} 以上の支部に課す「対前年度以上」は確認できず、目標値 {KpiFormat.Value(own, unit)} で判定。" + absolute.Rule,
            };
        }
        return Unavailable($"前年度末の実績も目標値もなく、{level} 以上の支部の条件（対前年度以上）も {level} の目標も当てはめられない");
    }

    /// <summary>一者応札: with at most <c>SmallTenderLimit</c> tenders, at most one single-bid tender meets the KPI; otherwise (or unknown) judge the percentage.</summary>
    private static Outcome SmallTender(KpiDefinition definition, KpiResult result)
    {
        var limit = definition.Target.SmallTenderLimit ?? 0;
        string note;
        if (result.Extra.TryGetValue("tenders", out var tenders))
        {
            var n = KpiFormat.Value(tenders, Unit.Cases);
            if (tenders > limit)
            {
                note = $"一般競争入札 {n}（{limit}件超）のため少数入札の例外は当たらず、割合で判定。";
            }
            else if (!result.Extra.TryGetValue("single-bids", out var singleBids))
            {
                note = $"一般競争入札 {n}（{limit}件以下）だが一者応札の件数が公表されていないため、例外は確認できず割合で判定。";
            }
            else if (singleBids <= 1)
            {
                return new(KpiStatus.Achieved,
                    $"一般競争入札 {n}（{limit}件以下）のうち一者応札 {KpiFormat.Value(singleBids, Unit.Cases)}（1件以内）のため、少数入札の例外により達成")
                { Target = definition.Target.Value, HasGap = false };
            }
            else
            {
                note = $"一般競争入札 {n}（{limit}件以下）だが一者応札が {KpiFormat.Value(singleBids, Unit.Cases)}あり例外（1件以内）に当たらないため、割合で判定。";
            }
        }
        else
        {
            note = $"入札件数が公表されていないため、{limit}件以下の例外は確認せず割合で判定。";
        }
        var percentage = ByKind(definition, result);
        return percentage with { Rule = note + percentage.Rule };
    }

    /// <summary>健康保険委員 (AP6): the covered share ≥ target and the commissioned offices ≥ the previous year; met only if both are.</summary>
    private static Outcome HealthCommittee(KpiDefinition definition, KpiResult result)
    {
        var unit = definition.Target.Unit;
        var share = result.Actual is not { } actual ? NotNumeric(result)
            : definition.Target.Value is { } target ? Higher(actual, target, unit)
            : NoTarget();
        var first = new KpiConditionResult("被保険者のカバー率", share.Status, result.Actual, definition.Target.Value, unit, share.Rule);

        KpiConditionResult second;
        if (result.Extra.TryGetValue("offices", out var offices) && result.Extra.TryGetValue("offices-previous", out var previousOffices))
        {
            var relative = Relative(offices, previousOffices, Unit.Offices, higher: true);
            second = new("委嘱事業所数", relative.Status, offices, previousOffices, Unit.Offices, relative.Rule);
        }
        else
        {
            second = new("委嘱事業所数", KpiStatus.NotEvaluable, result.Extra.TryGetValue("offices", out var o) ? o : null,
                result.Extra.TryGetValue("offices-previous", out var p) ? p : null, Unit.Offices,
                "委嘱事業所数または前年度の委嘱事業所数が公表されていないため、この条件は評価不能");
        }

        KpiConditionResult[] conditions = [first, second];
        var status = Combine(conditions.Select(c => c.Status));
        var conclusion = status switch
        {
            KpiStatus.Achieved => "両方を満たすため達成",
            KpiStatus.MostlyAchieved => "②を満たし①が概ね達成のため概ね達成",
            KpiStatus.NotAchieved => "満たさない条件があるため未達成",
            _ => "評価できない条件があるため評価不能",
        };
        var rule = $"二つの条件をともに満たす必要がある。①{first.Name}：{first.Rule}。②{second.Name}：{second.Rule}。{conclusion}";
        var unavailable = status == KpiStatus.NotEvaluable
            ? string.Join("。", new[] { share.Unavailable, second.Status == KpiStatus.NotEvaluable ? "委嘱事業所数または前年度の委嘱事業所数が公表されていない" : null }.OfType<string>())
            : null;
        return new(status, rule) { Target = share.Target, Degree = share.Degree, Conditions = conditions, Unavailable = unavailable };
    }

    /// <summary>Any 未達成 decides; else any 評価不能 leaves it open; else the weaker of 達成 and 概ね達成.</summary>
    private static KpiStatus Combine(IEnumerable<KpiStatus> statuses)
    {
        var all = statuses.ToList();
        if (all.Contains(KpiStatus.NotAchieved)) return KpiStatus.NotAchieved;
        if (all.Contains(KpiStatus.NotEvaluable)) return KpiStatus.NotEvaluable;
        return all.Contains(KpiStatus.MostlyAchieved) ? KpiStatus.MostlyAchieved : KpiStatus.Achieved;
    }

    private static (decimal? Value, long? People, string? Text) Gap(KpiDefinition definition, decimal actual, decimal target, Outcome outcome)
    {
        var unit = definition.Target.Unit;
        var gap = outcome.LowerIsBetter ? actual - target : target - actual;
        var label = outcome.TargetLabel;
        var text = gap > 0 ? (outcome.LowerIsBetter ? $"{label}を {KpiFormat.Difference(gap, unit)} 超過" : $"{label}まで {KpiFormat.Difference(gap, unit)} 不足")
            : gap == 0 ? $"{label}と同じ値"
            : $"{label}を {KpiFormat.Difference(-gap, unit)} {(outcome.LowerIsBetter ? "下回る" : "上回る")}";
        if (unit != Unit.Percent || definition.TargetPopulation is not { } population || gap == 0) return (gap, null, text);

        // Ceiling: a shortfall of 1,138.8 people needs 1,139 more; a margin of 120.4 people is 120 whole people.
        var exact = population * gap / 100m;
        var people = (long)decimal.Ceiling(exact);
        text += gap > 0
            ? $"（対象者 {KpiFormat.People(population)}に当てはめると {exact.ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture)}人、約 {KpiFormat.People(people)}の不足。人数は小数点以下切り上げ）"
            : $"（対象者 {KpiFormat.People(population)}に当てはめると {KpiFormat.People(-people)}分の余裕。人数は小数点以下切り捨て）";
        return (gap, people, text);
    }

    private static Outcome NotNumeric(KpiResult result) =>
        Unavailable($"実績が「{result.ActualText}」という形でしか公表されておらず、この KPI の規則で使える数値がない");

    private static Outcome NoTarget() => Unavailable("目標値が定義されていない");

    private static Outcome Unavailable(string reason) =>
        new(KpiStatus.NotEvaluable, reason + "ため評価不能") { Unavailable = reason, HasGap = false };
}
