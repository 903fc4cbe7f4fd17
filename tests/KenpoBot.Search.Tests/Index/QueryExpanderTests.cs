using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Search.Tests.Index;

public sealed class QueryExpanderTests
{
    private static readonly QueryExpander Expander = new(
    [
        new GlossaryEntry("ジェネリック医薬品", "じぇねりっくいやくひん", ["後発医薬品"], "定義", [], [], DefinedInDocuments: true, new SourceLocation("glossary.tsv", 2)),
    ]);

    [Theory]
    [InlineData("東京都の健診", new[] { "東京" })] // not 京都
    [InlineData("京都府の健診", new[] { "京都" })]
    [InlineData("秋田支部と岩手支部の比較", new[] { "秋田", "岩手" })]
    [InlineData("全国と鹿児島", new[] { "協会全体", "鹿児島" })]
    [InlineData("30%なら達成？", new string[0])] // なら is no 奈良: kana readings are not scopes
    [InlineData("", new string[0])]
    public void ScopesIn_FindsKanjiBranchNamesLongestFirst(string text, string[] expected)
    {
        Assert.Equal(expected, QueryExpander.ScopesIn(text));
    }

    [Fact]
    public void ExpandParts_KeepsTheUsersWordsApartFromTheExpansion()
    {
        var expanded = Expander.ExpandParts("秋田の令和3年度の後発医薬品の使用割合");
        Assert.Equal("秋田の令和3年度の後発医薬品の使用割合", expanded.Question);
        Assert.Contains("ジェネリック医薬品", expanded.Expansion, StringComparison.Ordinal);
        Assert.Contains("2021年度", expanded.Expansion, StringComparison.Ordinal);
        Assert.DoesNotContain("後発医薬品", expanded.Expansion, StringComparison.Ordinal);
        Assert.Equal(["秋田"], expanded.Scopes);
        Assert.Equal([2021], expanded.FiscalYears);
    }

    [Fact]
    public void Expand_IsTheQuestionFollowedByItsExpansion()
    {
        Assert.Equal("後発医薬品 ジェネリック医薬品", Expander.Expand("後発医薬品"));
        Assert.Equal("健診", Expander.Expand("健診"));
    }
}
