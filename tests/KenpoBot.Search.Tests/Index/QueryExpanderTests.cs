using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Search.Tests.Index;

public sealed class QueryExpanderTests
{
    private static readonly QueryExpander Expander = new(
    [
        new GlossaryEntry("ジェネリック医薬品", "じぇねりっくいやくひん", ["後発医薬品"], "定義", [], [], DefinedInDocuments: true, new SourceLocation("glossary.tsv", 2)),
        new GlossaryEntry("健康宣言", "けんこうせんげん", [], "定義", [], [], DefinedInDocuments: true, new SourceLocation("glossary.tsv", 3)),
        new GlossaryEntry("保険者機能強化アクションプラン", "ほけんしゃ", ["アクションプラン"], "定義", [], [], DefinedInDocuments: true, new SourceLocation("glossary.tsv", 4)),
        new GlossaryEntry("第6期保険者機能強化アクションプラン", "だいろっき", ["第6期"], "定義", [], [], DefinedInDocuments: true, new SourceLocation("glossary.tsv", 5)),
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

    [Theory]
    [InlineData("健康宣言とは", new[] { "健康宣言" })]
    [InlineData("健康宣言事業所数のKPIは", new string[0])] // part of a longer compound
    [InlineData("後発医薬品って何", new[] { "ジェネリック医薬品" })] // a synonym names its term
    [InlineData("第6期保険者機能強化アクションプランとは", new[] { "第6期保険者機能強化アクションプラン" })] // longest first
    [InlineData("アクションプランと健康宣言", new[] { "保険者機能強化アクションプラン", "健康宣言" })]
    public void TermsIn_FindsTermsStandingAsWords(string text, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), Expander.TermsIn(text).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("健康宣言とは", new[] { "健康宣言" })]
    [InlineData("後発医薬品って何ですか？", new[] { "ジェネリック医薬品" })]
    [InlineData("健康宣言の意味を教えて", new[] { "健康宣言" })]
    [InlineData("秋田のジェネリック医薬品の取組", new string[0])] // asks about more than the term
    [InlineData("健康宣言事業所数のKPIは", new string[0])]
    public void AskedTerms_OnlyWhenTheQuestionIsAboutTheTermItself(string text, string[] expected)
    {
        Assert.Equal(expected, Expander.AskedTerms(text));
    }

    [Fact]
    public void Expand_KeepsTheUsersWordsApartFromTheExpansion()
    {
        var expanded = Expander.Expand("秋田の令和3年度の後発医薬品の使用割合");
        Assert.Equal("秋田の令和3年度の後発医薬品の使用割合", expanded.Question);
        Assert.Contains("ジェネリック医薬品", expanded.Expansion, StringComparison.Ordinal);
        Assert.Contains("2021年度", expanded.Expansion, StringComparison.Ordinal);
        Assert.DoesNotContain("後発医薬品", expanded.Expansion, StringComparison.Ordinal);
        Assert.Equal(["秋田"], expanded.Scopes);
        Assert.Equal([2021], expanded.FiscalYears);
    }
}
