using KenpoBot.Corpus;
using static KenpoBot.Kpi.Tests.TestData;

namespace KenpoBot.Kpi.Tests;

public sealed class ScopeEvaluationTests
{
    private static KpiEvaluation Row(KpiStatus status, bool reference = false) => new()
    {
        Definition = Define(TargetKind.AbsoluteHigher, 50m, reference: reference),
        FiscalYear = 2023,
        Status = status,
        Rule = "テスト",
    };

    [Fact]
    public void Counts_LeaveOutReferenceRowsAndListEveryStatus()
    {
        var scope = new ScopeEvaluation(Scope.Association, 2023,
            [Row(KpiStatus.Achieved), Row(KpiStatus.Achieved), Row(KpiStatus.NotAchieved), Row(KpiStatus.NotAchieved, reference: true)]);

        Assert.Equal(2, scope.CountOf(KpiStatus.Achieved));
        Assert.Equal(0, scope.CountOf(KpiStatus.MostlyAchieved));
        Assert.Equal(1, scope.CountOf(KpiStatus.NotAchieved));
        Assert.Equal(0, scope.CountOf(KpiStatus.NotEvaluable));
        Assert.Equal(4, scope.Counts.Count);
    }

    [Fact]
    public void Summary_MentionsNotEvaluableOnlyWhenPresent()
    {
        var complete = new ScopeEvaluation(Scope.Association, 2020, [Row(KpiStatus.Achieved), Row(KpiStatus.MostlyAchieved)]);
        var partial = new ScopeEvaluation(Scope.Association, 2023, [Row(KpiStatus.Achieved), Row(KpiStatus.NotEvaluable)]);

        Assert.Equal("達成 1 / 概ね達成 1 / 未達成 0", complete.Summary);
        Assert.Equal("達成 1 / 概ね達成 0 / 未達成 0 / 評価不能 1", partial.Summary);
    }
}
