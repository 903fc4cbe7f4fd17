using KenpoBot.Corpus.Entities;

namespace KenpoBot.Corpus.Tests;

/// <summary>Scopes, fiscal years and plans in questions (Scope.Branches holds the names and readings).</summary>
public sealed class EntityRecognizerTests
{
    [Theory]
    [InlineData("東京都の令和5年度のKPI", "東京")]
    [InlineData("青森県のR5", "青森")]
    [InlineData("いわて支部の取組", "岩手")]
    [InlineData("あきたの計画", "秋田")]
    [InlineData("なら支部の実績", "奈良")]
    public void Scopes_NamesKanaAndPrefectureForms_AreTheBranch(string text, string branch)
    {
        Assert.Equal(branch, Assert.Single(EntityRecognizer.Recognize(text).DistinctScopes).Name);
    }

    [Theory]
    [InlineData("36%なら達成？")]
    [InlineData("じゃあさがってたら？")]
    public void Scopes_EverydayKanaWithoutShibu_AreNoBranch(string text)
    {
        Assert.Empty(EntityRecognizer.Recognize(text).DistinctScopes);
    }

    [Fact]
    public void Region_Tohoku_NamesItsSixBranches()
    {
        var entities = EntityRecognizer.Recognize("東北6支部で一番高いのは");
        Assert.Equal("東北", entities.Region);
        Assert.Equal(new[] { "青森", "岩手", "宮城", "秋田", "山形", "福島" }.Order(StringComparer.Ordinal).ToArray(), entities.DistinctScopes.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("第6期のKPI", "AP6")]
    [InlineData("6期の目標", "AP6")]
    [InlineData("AP6の健康宣言", "AP6")]
    [InlineData("第6期の特定保健指導実施率のKPI", "AP6")]
    [InlineData("第3期保健事業実施計画", null)]
    [InlineData("第三期特定健康診査等実施計画", null)]
    public void Plan_ActionPlanNumbers_ButNotOtherPlans(string text, string? plan)
    {
        Assert.Equal(plan, EntityRecognizer.Recognize(text).Plan);
    }

    [Theory]
    [InlineData("令和2年度から3年度でどう変わった", new[] { 2020, 2021 })]
    [InlineData("R5 KPI 達成数", new[] { 2023 })]
    [InlineData("令和5年度末", new[] { 2023 })]
    [InlineData("2023年度", new[] { 2023 })]
    [InlineData("令和元年度", new[] { 2019 })]
    public void Years_EveryNotation_AreFiscalYears(string text, int[] years)
    {
        Assert.Equal(years, EntityRecognizer.Recognize(text).Years);
    }

    [Fact]
    public void RelativeYear_Zennendo_IsOneBack()
    {
        Assert.Equal(-1, EntityRecognizer.Recognize("前年度は？").Relative?.Shift);
    }

    [Theory]
    [InlineData("対前年度以上のKPIは？")]
    [InlineData("前年度以上とする")]
    public void RelativeYear_KpiWording_IsNoYear(string text)
    {
        Assert.Null(EntityRecognizer.Recognize(text).Relative);
    }
}
