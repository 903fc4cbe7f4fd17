using System.Globalization;
using KenpoBot.Corpus;
using static KenpoBot.Kpi.Tests.TestData;

namespace KenpoBot.Kpi.Tests;

public sealed class KpiEvaluatorTests
{
    private static readonly KpiEvaluator Empty = new([], []);

    private static KpiEvaluation Evaluate(KpiDefinition definition, KpiResult? result) => Empty.Evaluate(definition, result, 2023);

    // ---- FY2020 official statuses (shared/eval/kpi-fy2020-official.tsv) ----

    public static TheoryData<string, string, string, string, string> OfficialFy2020Rows()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var row in ReadOfficialFy2020())
        {
            data.Add(row.Wording, row.Kind, row.Target, row.Result, row.Official);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OfficialFy2020Rows))]
    public void Evaluate_Fy2020Row_ReproducesOfficialStatus(string wording, string kind, string target, string result, string official)
    {
        var (definition, published) = Fy2020Case(0, wording, kind, target, result);

        var evaluation = Empty.Evaluate(definition, published);

        Assert.True(KpiStatusText.TryParse(official, out var expected), official);
        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void EvaluateScope_Fy2020_CountsOfficialTotalsAndLeavesOutTheReferenceLine()
    {
        var cases = ReadOfficialFy2020().Select((r, i) => Fy2020Case(i, r.Wording, r.Kind, r.Target, r.Result)).ToList();
        var reference = Define(TargetKind.AbsoluteHigher, 56.3m, id: "fy2020-reference", years: "2020", reference: true,
            wording: "（参考）第三期特定健康診査等実施計画における特定健康診査の実施率目標（①～③の合計）");
        var evaluator = new KpiEvaluator(
            cases.Select(c => c.Definition).Append(reference),
            cases.Select(c => c.Result).Append(Result(51.1m, kpiId: "fy2020-reference", fiscalYear: 2020)));

        var scope = evaluator.EvaluateScope(Scope.Association, 2020);

        Assert.Equal(22, scope.Rows.Count);
        Assert.Equal(6, scope.CountOf(KpiStatus.Achieved));
        Assert.Equal(5, scope.CountOf(KpiStatus.MostlyAchieved));
        Assert.Equal(10, scope.CountOf(KpiStatus.NotAchieved));
        Assert.Equal(0, scope.CountOf(KpiStatus.NotEvaluable));
        Assert.Equal(KpiStatus.NotAchieved, scope.Rows.Single(r => r.Definition.IsReference).Status);
    }

    // ---- absolute, higher is better ----

    [Theory]
    [InlineData("8.0", "8.0", KpiStatus.Achieved)]        // FY2020 事業者健診データ取得率: equal to the target meets it
    [InlineData("92", "94.8", KpiStatus.Achieved)]
    [InlineData("95", "94.99", KpiStatus.MostlyAchieved)] // just short of the target: 達成度 99.99%
    [InlineData("100", "95", KpiStatus.MostlyAchieved)]   // 達成度 exactly 95%
    [InlineData("95", "90.25", KpiStatus.MostlyAchieved)] // 95 × 0.95 = 90.25: 達成度 exactly 95%
    [InlineData("95", "90.24", KpiStatus.NotAchieved)]    // 達成度 94.989…%
    [InlineData("100", "94.99", KpiStatus.NotAchieved)]   // 達成度 94.99%
    [InlineData("85", "79.6", KpiStatus.NotAchieved)]     // FY2020 限度額適用認定証: 93.6%
    [InlineData("70000", "94740", KpiStatus.Achieved)]    // FY2023 健康宣言事業所数
    [InlineData("2070", "2039", KpiStatus.MostlyAchieved)] // FY2023 福島 健康宣言事業所数: 98.5%
    public void Evaluate_AbsoluteHigher_ComparesResultWithTarget(string target, string actual, KpiStatus expected)
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteHigher, D(target)), Result(D(actual)));

        Assert.Equal(expected, evaluation.Status);
        Assert.Equal(D(target), evaluation.Target);
    }

    [Fact]
    public void Evaluate_MostlyAchieved_ShowsRuleWithNumbers()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteHigher, 95m), Result(92.41m));

        Assert.Equal(KpiStatus.MostlyAchieved, evaluation.Status);
        Assert.Equal("目標 95% 以上に対し実績 92.41%。達成度 97.3%（95%以上）のため概ね達成", evaluation.Rule);
        Assert.Equal(92.41m / 95m, evaluation.AchievementDegree);
    }

    [Fact]
    public void Evaluate_DegreeJustBelowThreshold_IsNotShownAsNinetyFive()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteHigher, 95m), Result(90.24m));

        Assert.Equal("目標 95% 以上に対し実績 90.24%。達成度 94.98%（95%未満）のため未達成", evaluation.Rule);
    }

    [Fact]
    public void Evaluate_ResultEqualToTarget_IsAchieved()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteHigher, 8.0m), Result(8.0m));

        Assert.Equal(KpiStatus.Achieved, evaluation.Status);
        Assert.Equal(1m, evaluation.AchievementDegree);
        Assert.Equal("目標 8.0% 以上に対し実績 8.0%。実績が目標以上のため達成（達成度 100.0%）", evaluation.Rule);
        Assert.Equal(0m, evaluation.Gap);
    }

    // ---- absolute, lower is better ----

    [Theory]
    [InlineData("20", "15.5", KpiStatus.Achieved)] // FY2020 一者応札
    [InlineData("20", "20", KpiStatus.Achieved)]
    [InlineData("20", "0", KpiStatus.Achieved)]
    [InlineData("20", "21", KpiStatus.MostlyAchieved)] // 20 ÷ 21 = 95.2%
    [InlineData("20", "22", KpiStatus.NotAchieved)]    // 20 ÷ 22 = 90.9%
    [InlineData("15", "16.7", KpiStatus.NotAchieved)]  // 15 ÷ 16.7 = 89.8%
    public void Evaluate_AbsoluteLower_LowerIsBetter(string target, string actual, KpiStatus expected)
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteLower, D(target)), Result(D(actual)));

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_AbsoluteLowerDecidedByDegree_SaysTheConvention()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteLower, 20m), Result(21m));

        Assert.Equal(20m / 21m, evaluation.AchievementDegree);
        Assert.StartsWith("目標 20% 以下に対し実績 21%。達成度 95.2%（95%以上）のため概ね達成", evaluation.Rule);
        Assert.Contains("目標 ÷ 実績", evaluation.Rule);
    }

    [Fact]
    public void Evaluate_AbsoluteLowerWithZeroResult_IsAchievedWithoutDegree()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteLower, 20m), Result(0.0m));

        Assert.Equal(KpiStatus.Achieved, evaluation.Status);
        Assert.Null(evaluation.AchievementDegree);
        Assert.Equal("目標 20% 以下に対し実績 0.0%。実績が 0 のため達成", evaluation.Rule);
    }

    // ---- relative to the previous year ----

    [Theory]
    [InlineData(TargetKind.PreviousHigher, "54.11", "53.40", KpiStatus.NotAchieved)] // FY2020 返納金: 98.7% is still 未達成
    [InlineData(TargetKind.PreviousHigher, "100", "98", KpiStatus.NotAchieved)]      // 98% of the previous year
    [InlineData(TargetKind.PreviousHigher, "54.11", "54.11", KpiStatus.Achieved)]
    [InlineData(TargetKind.PreviousHigher, "0.337", "0.423", KpiStatus.Achieved)]   // FY2023 査定率
    [InlineData(TargetKind.PreviousLower, "1.12", "1.12", KpiStatus.Achieved)]      // FY2020 柔道整復
    [InlineData(TargetKind.PreviousLower, "0.082", "0.087", KpiStatus.NotAchieved)]
    [InlineData(TargetKind.PreviousLower, "0.43", "0.45", KpiStatus.NotAchieved)]   // FY2023 宮城 柔道整復
    public void Evaluate_RelativeToPreviousYear_IsBinary(TargetKind kind, string previous, string actual, KpiStatus expected)
    {
        var evaluation = Evaluate(Define(kind, null), Result(D(actual), previous: D(previous)));

        Assert.Equal(expected, evaluation.Status);
        Assert.Null(evaluation.AchievementDegree);
        Assert.Equal(D(previous), evaluation.Target);
    }

    [Fact]
    public void Evaluate_PreviousHigherNotMet_ShowsRatioAndSaysNoMostlyAchieved()
    {
        var evaluation = Evaluate(Define(TargetKind.PreviousHigher, null), Result(53.40m, previous: 54.11m));

        Assert.Equal(
            "目標 前年度実績 54.11% 以上（対前年度以上）に対し実績 53.40%。前年度を下回ったため未達成（前年度比 98.7%。前年度との比較は達成か未達成の二択で、概ね達成はない）",
            evaluation.Rule);
    }

    [Fact]
    public void Evaluate_PreviousMissing_IsNotEvaluable()
    {
        var evaluation = Evaluate(Define(TargetKind.PreviousHigher, null), Result(53.40m));

        Assert.Equal(KpiStatus.NotEvaluable, evaluation.Status);
        Assert.Equal("前年度の実績が公表されておらず、対前年度の比較ができない", evaluation.UnavailableReason);
        Assert.Null(evaluation.Gap);
    }

    // ---- number of branches, done or not ----

    [Theory]
    [InlineData("47", "30", KpiStatus.NotAchieved)]    // FY2020 意見発信: 63.8%
    [InlineData("47", "41", KpiStatus.NotAchieved)]    // FY2023 意見発信: 87.2%
    [InlineData("47", "45", KpiStatus.MostlyAchieved)] // 95.7%
    [InlineData("47", "47", KpiStatus.Achieved)]
    public void Evaluate_Branches_CountsAgainstRequired(string required, string count, KpiStatus expected)
    {
        var evaluation = Evaluate(Define(TargetKind.Branches, D(required), Unit.Branches), Result(D(count), unit: Unit.Branches));

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_ThirtyOfFortySevenBranches_ShowsDegree()
    {
        var evaluation = Evaluate(Define(TargetKind.Branches, 47m, Unit.Branches), Result(30m, unit: Unit.Branches));

        Assert.Equal("目標 47支部 以上に対し実績 30支部。達成度 63.8%（95%未満）のため未達成", evaluation.Rule);
        Assert.Equal(17m, evaluation.Gap);
        Assert.Equal("目標まで 17支部 不足", evaluation.GapText);
    }

    [Theory]
    [InlineData("実施", KpiStatus.Achieved)]
    [InlineData("未実施", KpiStatus.NotAchieved)]
    [InlineData("検討中", KpiStatus.NotEvaluable)]
    public void Evaluate_Done_ReadsPublishedText(string text, KpiStatus expected)
    {
        var evaluation = Evaluate(Define(TargetKind.Done, null, Unit.None), Result(null, text));

        Assert.Equal(expected, evaluation.Status);
        Assert.Null(evaluation.AchievementDegree);
        Assert.Null(evaluation.Gap);
    }

    // ---- data the rule cannot use ----

    [Fact]
    public void Evaluate_ResultPublishedOnlyAsText_IsNotEvaluableWithReason()
    {
        var definition = Define(TargetKind.AbsoluteHigher, 80.0m, rule: SpecialRule.GenericDrug80);

        var evaluation = Evaluate(definition, Result(null, "44支部が達成"));

        Assert.Equal(KpiStatus.NotEvaluable, evaluation.Status);
        Assert.Equal("実績が「44支部が達成」という形でしか公表されておらず、この KPI の規則で使える数値がない", evaluation.UnavailableReason);
        Assert.Equal("実績が「44支部が達成」という形でしか公表されておらず、この KPI の規則で使える数値がないため評価不能", evaluation.Rule);
    }

    [Fact]
    public void Evaluate_NoResult_IsNotEvaluable()
    {
        var evaluation = Empty.Evaluate(Define(TargetKind.AbsoluteHigher, 57.6m, years: "2025"), null);

        Assert.Equal(KpiStatus.NotEvaluable, evaluation.Status);
        Assert.Equal(2025, evaluation.FiscalYear);
        Assert.Equal("2025年度の実績がまだ公表されていない", evaluation.UnavailableReason);
        Assert.Equal(57.6m, evaluation.Target);
    }

    // ---- ジェネリック医薬品 (generic-80) ----

    [Theory]
    [InlineData("85.3", "85.3", null, KpiStatus.Achieved)]         // at 80% or more: at the previous figure
    [InlineData("85.3", "85.2", null, KpiStatus.NotAchieved)]      // below the previous figure: binary, no 概ね達成
    [InlineData("80.0", "79.9", null, KpiStatus.NotAchieved)]      // exactly 80% counts as "80% or more"
    [InlineData("79.2", "79.9", "80", KpiStatus.MostlyAchieved)]   // below 80%: absolute 80, 79.9 ÷ 80 = 99.9%
    [InlineData("79.2", "80.1", "80", KpiStatus.Achieved)]
    [InlineData("70.0", "75.0", "80", KpiStatus.NotAchieved)]      // 75 ÷ 80 = 93.75%
    [InlineData(null, "85.3", "83.6", KpiStatus.Achieved)]         // FY2023 青森: previous unknown, own target
    [InlineData(null, "85.0", null, KpiStatus.NotEvaluable)]
    public void Evaluate_GenericDrug_PerBranchRule(string? previous, string actual, string? target, KpiStatus expected)
    {
        var definition = Define(TargetKind.AbsoluteHigher, target is null ? null : D(target), rule: SpecialRule.GenericDrug80, scope: "青森");

        var evaluation = Evaluate(definition, Result(D(actual), previous: previous is null ? null : D(previous)));

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_GenericDrugAtEightyOrMore_JudgesAgainstPreviousAndSaysSo()
    {
        var definition = Define(TargetKind.AbsoluteHigher, 80m, rule: SpecialRule.GenericDrug80, scope: "秋田");

        var evaluation = Evaluate(definition, Result(85.2m, previous: 85.3m));

        Assert.Equal(85.3m, evaluation.Target);
        Assert.StartsWith("前年度末 85.3% が 80% 以上のため、対前年度以上で判定。目標 前年度実績 85.3% 以上", evaluation.Rule);
    }

    [Fact]
    public void Evaluate_GenericDrugWithoutPrevious_SaysItUsedOwnTarget()
    {
        var definition = Define(TargetKind.AbsoluteHigher, 83.6m, rule: SpecialRule.GenericDrug80, scope: "青森");

        var evaluation = Evaluate(definition, Result(85.3m));

        Assert.Equal(
            "前年度末の実績が公表されていないため、80% 以上の支部に課す「対前年度以上」は確認できず、目標値 83.6% で判定。目標 83.6% 以上に対し実績 85.3%。実績が目標以上のため達成（達成度 102.0%）",
            evaluation.Rule);
    }

    // ---- 一者応札 (small-tender) ----

    [Theory]
    [InlineData("20", "tenders=5;single-bids=1", KpiStatus.Achieved)]   // exception: 5 ≤ 6 tenders, one single bid
    [InlineData("16.7", "tenders=6;single-bids=1", KpiStatus.Achieved)] // at the limit
    [InlineData("40", "tenders=5;single-bids=2", KpiStatus.NotAchieved)] // two single bids: percentage 15 ÷ 40
    [InlineData("25", "tenders=8;single-bids=2", KpiStatus.NotAchieved)] // more than 6 tenders: percentage 15 ÷ 25
    [InlineData("12.5", "tenders=8;single-bids=1", KpiStatus.Achieved)]  // more than 6 tenders: 12.5 ≤ 15
    [InlineData("25", "tenders=4", KpiStatus.NotAchieved)]              // single bids unknown: percentage
    [InlineData("16.7", "", KpiStatus.NotAchieved)]                     // tenders unknown: percentage 15 ÷ 16.7
    [InlineData("12.5", "", KpiStatus.Achieved)]
    public void Evaluate_SmallTender_AppliesExceptionOnlyWithTenderCounts(string actual, string extra, KpiStatus expected)
    {
        var definition = Define(TargetKind.AbsoluteLower, 15m, rule: SpecialRule.SmallTenderException, smallTenderLimit: 6, scope: "秋田", years: "2025");

        var evaluation = Evaluate(definition, Result(D(actual), extra: extra, fiscalYear: 2025));

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_SmallTenderException_SaysWhy()
    {
        var definition = Define(TargetKind.AbsoluteLower, 15m, rule: SpecialRule.SmallTenderException, smallTenderLimit: 6, scope: "秋田");

        var evaluation = Evaluate(definition, Result(20m, extra: "tenders=5;single-bids=1"));

        Assert.Equal("一般競争入札 5件（6件以下）のうち一者応札 1件（1件以内）のため、少数入札の例外により達成", evaluation.Rule);
        Assert.Null(evaluation.Gap);
    }

    [Fact]
    public void Evaluate_SmallTenderWithoutCounts_SaysExceptionNotChecked()
    {
        var definition = Define(TargetKind.AbsoluteLower, 15m, rule: SpecialRule.SmallTenderException, smallTenderLimit: 6, scope: "秋田");

        var evaluation = Evaluate(definition, Result(12.5m));

        Assert.Equal("入札件数が公表されていないため、6件以下の例外は確認せず割合で判定。目標 15% 以下に対し実績 12.5%。実績が目標以下のため達成", evaluation.Rule);
    }

    // ---- 健康保険委員 (health-committee) ----

    [Theory]
    [InlineData("52.6", "offices=270116;offices-previous=260000", KpiStatus.Achieved, KpiStatus.Achieved, KpiStatus.Achieved)]
    [InlineData("52.6", "offices=250000;offices-previous=260000", KpiStatus.Achieved, KpiStatus.NotAchieved, KpiStatus.NotAchieved)]
    [InlineData("48.0", "offices=270116;offices-previous=260000", KpiStatus.MostlyAchieved, KpiStatus.Achieved, KpiStatus.MostlyAchieved)] // 48 ÷ 50 = 96%
    [InlineData("40.0", "offices=270116;offices-previous=270116", KpiStatus.NotAchieved, KpiStatus.Achieved, KpiStatus.NotAchieved)]
    [InlineData("52.6", "", KpiStatus.Achieved, KpiStatus.NotEvaluable, KpiStatus.NotEvaluable)]
    [InlineData("52.6", "offices=270116", KpiStatus.Achieved, KpiStatus.NotEvaluable, KpiStatus.NotEvaluable)]
    [InlineData("40.0", "", KpiStatus.NotAchieved, KpiStatus.NotEvaluable, KpiStatus.NotAchieved)] // the first condition already fails
    public void Evaluate_HealthCommittee_MetOnlyIfBothConditionsAre(string share, string extra, KpiStatus first, KpiStatus second, KpiStatus expected)
    {
        var definition = Define(TargetKind.AbsoluteHigher, 50m, rule: SpecialRule.HealthCommitteeCompound, years: "2024-2026");

        var evaluation = Empty.Evaluate(definition, Result(D(share), extra: extra, fiscalYear: 2024));

        Assert.Equal(expected, evaluation.Status);
        Assert.Collection(
            evaluation.Conditions,
            c => Assert.Equal(first, c.Status),
            c => Assert.Equal(second, c.Status));
    }

    [Fact]
    public void Evaluate_HealthCommitteeMissingOffices_SaysWhichConditionIsMissing()
    {
        var definition = Define(TargetKind.AbsoluteHigher, 50m, rule: SpecialRule.HealthCommitteeCompound, years: "2024-2026");

        var evaluation = Empty.Evaluate(definition, Result(52.6m, fiscalYear: 2024));

        Assert.Equal("委嘱事業所数または前年度の委嘱事業所数が公表されていない", evaluation.UnavailableReason);
        Assert.Equal(
            "二つの条件をともに満たす必要がある。①被保険者のカバー率：目標 50% 以上に対し実績 52.6%。実績が目標以上のため達成（達成度 105.2%）。②委嘱事業所数：委嘱事業所数または前年度の委嘱事業所数が公表されていないため、この条件は評価不能。評価できない条件があるため評価不能",
            evaluation.Rule);
    }

    // ---- gaps ----

    [Theory]
    [InlineData(TargetKind.AbsoluteHigher, "38.5", "31.4", null, "7.1")]   // 38.5% − 31.4% = 7.1 points
    [InlineData(TargetKind.AbsoluteHigher, "95", "92.41", null, "2.59")]
    [InlineData(TargetKind.AbsoluteHigher, "55.9", "57.0", null, "-1.1")]  // met with a margin
    [InlineData(TargetKind.AbsoluteLower, "20", "22", null, "2")]
    [InlineData(TargetKind.AbsoluteLower, "20", "15.5", null, "-4.5")]
    [InlineData(TargetKind.PreviousHigher, null, "53.40", "54.11", "0.71")]
    [InlineData(TargetKind.PreviousLower, null, "0.087", "0.082", "0.005")]
    public void Evaluate_Gap_IsInPointsTowardTheTarget(TargetKind kind, string? target, string actual, string? previous, string expectedGap)
    {
        var evaluation = Evaluate(Define(kind, target is null ? null : D(target)), Result(D(actual), previous: previous is null ? null : D(previous)));

        Assert.Equal(D(expectedGap), evaluation.Gap);
        Assert.Null(evaluation.GapPeople);
    }

    [Fact]
    public void Evaluate_GapInPoints_IsWordedInPoints()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteHigher, 38.5m), Result(31.4m));

        Assert.Equal("目標まで 7.1ポイント 不足", evaluation.GapText);
    }

    [Theory]
    [InlineData(TargetKind.AbsoluteLower, "20", "22", null, "目標を 2ポイント 超過")]
    [InlineData(TargetKind.AbsoluteLower, "20", "15.5", null, "目標を 4.5ポイント 下回る")]
    [InlineData(TargetKind.PreviousLower, null, "0.087", "0.082", "前年度実績を 0.005ポイント 超過")]
    [InlineData(TargetKind.PreviousHigher, null, "53.40", "54.11", "前年度実績まで 0.71ポイント 不足")]
    [InlineData(TargetKind.PreviousHigher, null, "1.12", "1.12", "前年度実績と同じ値")]
    public void Evaluate_GapText_FollowsTheRuleDirection(TargetKind kind, string? target, string actual, string? previous, string expected)
    {
        var evaluation = Evaluate(Define(kind, target is null ? null : D(target)), Result(D(actual), previous: previous is null ? null : D(previous)));

        Assert.Equal(expected, evaluation.GapText);
    }

    [Fact]
    public void Evaluate_GapInUnit_IsWordedInUnit()
    {
        var evaluation = Evaluate(Define(TargetKind.AbsoluteHigher, 2070m, Unit.Offices), Result(2039m, unit: Unit.Offices));

        Assert.Equal(31m, evaluation.Gap);
        Assert.Equal("目標まで 31事業所 不足", evaluation.GapText);
    }

    [Theory]
    [InlineData("56.8", "0.8", 1139L)]   // 142,354 × 0.8 ÷ 100 = 1,138.832 → 1,139
    [InlineData("51.0", "6.6", 9396L)]   // 142,354 × 6.6 ÷ 100 = 9,395.364 → 9,396
    [InlineData("60.0", "-2.4", -3416L)] // 142,354 × 2.4 ÷ 100 = 3,416.496 over → 3,416
    public void Evaluate_GapWithPopulation_IsAlsoInPeople(string actual, string expectedGap, long expectedPeople)
    {
        var definition = Define(TargetKind.AbsoluteHigher, 57.6m, population: 142354, scope: "秋田", years: "2025");

        var evaluation = Evaluate(definition, Result(D(actual), fiscalYear: 2025));

        Assert.Equal(D(expectedGap), evaluation.Gap);
        Assert.Equal(expectedPeople, evaluation.GapPeople);
    }

    [Fact]
    public void Evaluate_GapInPeople_SaysHowItWasRounded()
    {
        var definition = Define(TargetKind.AbsoluteHigher, 57.6m, population: 142354, scope: "秋田", years: "2025");

        var evaluation = Evaluate(definition, Result(56.8m, fiscalYear: 2025));

        Assert.Equal("目標まで 0.8ポイント 不足（対象者 142,354人に当てはめると 1,138.8人、約 1,139人の不足。人数は小数点以下切り上げ）", evaluation.GapText);
    }

    // ---- what if ----

    [Theory]
    [InlineData("57.6", KpiStatus.Achieved)]
    [InlineData("55.0", KpiStatus.MostlyAchieved)] // 55.0 ÷ 57.6 = 95.5%
    [InlineData("54.0", KpiStatus.NotAchieved)]    // 93.75%
    public void WhatIf_AbsoluteTarget_EvaluatesSupposedResult(string actual, KpiStatus expected)
    {
        var definition = Define(TargetKind.AbsoluteHigher, 57.6m, population: 142354, id: "fy2025-akita-checkup", scope: "秋田", years: "2025");
        var evaluator = new KpiEvaluator([definition], []);

        var evaluation = evaluator.WhatIf("fy2025-akita-checkup", 2025, D(actual));

        Assert.Equal(expected, evaluation.Status);
        Assert.True(evaluation.IsWhatIf);
        Assert.StartsWith($"【仮定】実績を {actual}% とした場合。目標 57.6% 以上", evaluation.Rule);
    }

    [Theory]
    [InlineData("54.35", KpiStatus.Achieved)]
    [InlineData("54.0", KpiStatus.NotAchieved)]
    public void WhatIf_PreviousRelative_UsesPublishedPreviousOfThatYear(string actual, KpiStatus expected)
    {
        var definition = Define(TargetKind.PreviousHigher, null, id: "fy2023-refund");
        var evaluator = new KpiEvaluator([definition], [Result(53.29m, previous: 54.35m, kpiId: "fy2023-refund")]);

        var evaluation = evaluator.WhatIf("fy2023-refund", 2023, D(actual));

        Assert.Equal(expected, evaluation.Status);
        Assert.Equal(54.35m, evaluation.Previous);
        Assert.Equal(D(actual), evaluation.Actual);
    }

    [Fact]
    public void WhatIf_NoResultThatYear_UsesPublishedResultOfYearBefore()
    {
        var definition = Define(TargetKind.PreviousHigher, null, Unit.Offices, id: "ap6-offices", years: "2024-2026");
        var evaluator = new KpiEvaluator([definition], [Result(270116m, kpiId: "ap6-offices", fiscalYear: 2024, unit: Unit.Offices)]);

        var evaluation = evaluator.WhatIf("ap6-offices", 2025, 270000m);

        Assert.Equal(KpiStatus.NotAchieved, evaluation.Status);
        Assert.Equal(270116m, evaluation.Previous);
        Assert.StartsWith("【仮定】実績を 270,000事業所 とした場合。前年度の値は公表済みの2024年度実績 270,116事業所（test-doc#kpi）を使用。", evaluation.Rule);
    }

    [Fact]
    public void WhatIf_AbsoluteTarget_DoesNotBorrowYearBefore()
    {
        var fy2023 = Define(TargetKind.AbsoluteHigher, 63.9m, id: "fy2023-checkup", metric: "checkup");
        var ap6 = Define(TargetKind.AbsoluteHigher, 64.8m, id: "ap6-checkup", metric: "checkup", years: "2024-2026");
        var evaluator = new KpiEvaluator([fy2023, ap6], [Result(57.7m, kpiId: "fy2023-checkup")]);

        var evaluation = evaluator.WhatIf("ap6-checkup", 2024, 62.0m);

        Assert.Null(evaluation.Previous);
        Assert.Equal("【仮定】実績を 62.0% とした場合。目標 64.8% 以上に対し実績 62.0%。達成度 95.7%（95%以上）のため概ね達成", evaluation.Rule);
    }

    [Fact]
    public void WhatIf_SmallTender_KeepsPublishedTenderCounts()
    {
        var definition = Define(TargetKind.AbsoluteLower, 15m, rule: SpecialRule.SmallTenderException, smallTenderLimit: 6, id: "akita-tender", scope: "秋田");
        var evaluator = new KpiEvaluator([definition], [Result(0m, extra: "tenders=5;single-bids=0", kpiId: "akita-tender")]);

        var evaluation = evaluator.WhatIf("akita-tender", 2023, 20m);

        Assert.Equal(KpiStatus.Achieved, evaluation.Status);
    }

    [Fact]
    public void WhatIf_UnknownKpi_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => Empty.WhatIf("no-such-kpi", 2023, 1m));

        Assert.StartsWith("KPI「no-such-kpi」は見つかりません。", exception.Message);
    }

    // ---- scope and comparison ----

    [Fact]
    public void EvaluateScope_TakesOnlyThatScopeAndYear()
    {
        var evaluator = new KpiEvaluator(
            [
                Define(TargetKind.AbsoluteHigher, 96.0m, id: "a", scope: "秋田"),
                Define(TargetKind.AbsoluteHigher, 96.0m, id: "b", scope: "青森"),
                Define(TargetKind.AbsoluteHigher, 96.0m, id: "c", scope: "秋田", years: "2025"),
                Define(TargetKind.Done, null, Unit.None, id: "d", scope: "秋田"),
            ],
            [Result(92.2m, kpiId: "a"), Result(94.6m, kpiId: "b"), Result(null, "実施", kpiId: "d")]);

        var scope = evaluator.EvaluateScope(Scope.Parse("秋田"), 2023);

        Assert.Equal(["a", "d"], scope.Rows.Select(r => r.Definition.Id));
        Assert.Equal(1, scope.CountOf(KpiStatus.MostlyAchieved));
        Assert.Equal(1, scope.CountOf(KpiStatus.Achieved));
    }

    [Fact]
    public void Compare_WithoutScopes_ListsAssociationThenBranchesInPrefectureOrder()
    {
        var evaluator = new KpiEvaluator(
            [
                Define(TargetKind.AbsoluteHigher, 97.7m, id: "fukushima", metric: "mail", scope: "福島"),
                Define(TargetKind.AbsoluteHigher, 96.0m, id: "aomori", metric: "mail", scope: "青森"),
                Define(TargetKind.AbsoluteHigher, 96.0m, id: "all", metric: "mail"),
                Define(TargetKind.AbsoluteHigher, 96.0m, id: "other", metric: "other"),
            ],
            [Result(97.2m, kpiId: "fukushima"), Result(94.6m, kpiId: "aomori"), Result(95.6m, kpiId: "all")]);

        var rows = evaluator.Compare("mail", 2023);

        Assert.Equal(["協会全体", "青森支部", "福島支部"], rows.Select(r => r.Scope.DisplayName));
        Assert.All(rows, r => Assert.Equal(KpiStatus.MostlyAchieved, r.Evaluation!.Status));
    }

    [Fact]
    public void Compare_ScopeWithoutTheKpi_GetsRowWithNote()
    {
        var evaluator = new KpiEvaluator([Define(TargetKind.AbsoluteHigher, 96.0m, id: "all", metric: "mail")], []);

        var rows = evaluator.Compare("mail", 2023, [Scope.Association, Scope.Parse("岩手")]);

        Assert.Equal(KpiStatus.NotEvaluable, rows[0].Evaluation!.Status);
        Assert.Null(rows[1].Evaluation);
        Assert.Equal("岩手支部には2023年度のこの KPI がありません。", rows[1].Note);
    }

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static IEnumerable<(string Area, string Wording, string Kind, string Target, string Result, string Official)> ReadOfficialFy2020()
    {
        var path = Path.Combine(SharedFolder, "eval", "kpi-fy2020-official.tsv");
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells.Length != 6) throw new FormatException($"{path}: 「{line}」は 6 列ではありません。");
            yield return (cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
        }
    }

    /// <summary>A definition and result from one row: for previous* kinds the target column holds the previous year's result.</summary>
    private static (KpiDefinition Definition, KpiResult Result) Fy2020Case(int index, string wording, string kind, string target, string result)
    {
        var (targetValue, unit) = Quantity(target);
        var (actual, _) = Quantity(result);
        var targetKind = kind switch
        {
            "absolute>=" => TargetKind.AbsoluteHigher,
            "absolute<=" => TargetKind.AbsoluteLower,
            "previous>=" => TargetKind.PreviousHigher,
            "previous<=" => TargetKind.PreviousLower,
            "branches>=" => TargetKind.Branches,
            _ => throw new FormatException($"target_kind「{kind}」は未知です。"),
        };
        var relative = targetKind is TargetKind.PreviousHigher or TargetKind.PreviousLower;
        var id = $"fy2020-{index}";
        var definition = Define(targetKind, relative ? null : targetValue, unit, id: id, years: "2020", wording: wording);
        return (definition, Result(actual, result, relative ? targetValue : null, kpiId: id, fiscalYear: 2020, unit: unit));
    }
}
