using KenpoBot.Cli;

namespace KenpoBot.Host.Tests;

/// <summary>The eval judge against hand-written cases; each expected verdict is what ../shared/eval/check/qa.py gives.</summary>
public sealed class AnswerCheckTests
{
    [Fact]
    public void FullWidthDigits_InTheAnswer_MatchAfterNfkc()
    {
        Assert.True(AnswerCheck.Passes("8.0", "実績は８．０％です", []));
        Assert.True(AnswerCheck.Passes("8.0", "実績は８．０％です", [], answerFirst: true));
    }

    [Fact]
    public void FullWidthDigits_InTheExpectation_MatchAfterNfkc() => Assert.True(AnswerCheck.Passes("８．０", "8.0%", []));

    [Theory]
    [InlineData("令和 5 年度の実績")]
    [InlineData("令和　5　年度の実績")]
    public void Spaces_InTheAnswer_AreRemoved(string answer) => Assert.True(AnswerCheck.Passes("令和5年度", answer, []));

    [Fact]
    public void Spaces_InAnAlternative_AreRemovedToo() => Assert.True(AnswerCheck.Passes("令和 5 年度", "令和5年度", []));

    [Fact]
    public void Snippets_CountOnlyWithoutAnswerFirst()
    {
        Assert.True(AnswerCheck.Passes("19.7", "実績は次のとおりです。", ["取得率 19.7%"]));
        Assert.False(AnswerCheck.Passes("19.7", "実績は次のとおりです。", ["取得率 19.7%"], answerFirst: true));
    }

    [Fact]
    public void AnswerAndFirstSnippet_AreJoinedWithoutSeparator() => Assert.True(AnswerCheck.Passes("8.0", "結果は8", [".0です"]));

    [Fact]
    public void Snippets_AreJoinedWithASpace_WhichNoAlternativeCanCross() => Assert.False(AnswerCheck.Passes("AB", "x", ["A", "B"]));

    [Fact]
    public void AnswerFirst_ChecksTheFirst300Characters()
    {
        Assert.True(AnswerCheck.Passes("8.0", new string('あ', 297) + "8.0", [], answerFirst: true));
        Assert.False(AnswerCheck.Passes("8.0", new string('あ', 298) + "8.0", [], answerFirst: true));
        Assert.True(AnswerCheck.Passes("8.0", new string('あ', 298) + "8.0", []));
    }

    [Fact]
    public void AnswerFirst_CutsAfterSpacesAreRemoved() =>
        Assert.True(AnswerCheck.Passes("8.0", new string(' ', 50) + new string('あ', 297) + "8.0", [], answerFirst: true));

    [Fact]
    public void AnswerFirst_CountsCodePoints_AsPythonDoes()
    {
        var yoshi = char.ConvertFromUtf32(0x20BB7);
        Assert.True(AnswerCheck.Passes("8.0", string.Concat(Enumerable.Repeat(yoshi, 297)) + "8.0", [], answerFirst: true));
        Assert.False(AnswerCheck.Passes("8.0", string.Concat(Enumerable.Repeat(yoshi, 298)) + "8.0", [], answerFirst: true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OutOfScope_PassesOnlyWhenNothingIsCited(bool answerFirst)
    {
        Assert.True(AnswerCheck.Passes("OUT_OF_SCOPE", "資料には記載がありません。", [], answerFirst));
        Assert.False(AnswerCheck.Passes("OUT_OF_SCOPE", "資料には記載がありません。", ["天気"], answerFirst));
    }

    [Theory]
    [InlineData("3年|3か年", "3か年計画", true)]
    [InlineData("3年|3か年", "三年", false)]
    [InlineData("中期;3年", "中期計画", false)]
    [InlineData("中期;3年", "3年の中期計画", true)]
    [InlineData("中期;3年|3か年", "中期の3か年計画", true)]
    public void EveryGroup_NeedsOneAlternative(string expect, string answer, bool passes) =>
        Assert.Equal(passes, AnswerCheck.Passes(expect, answer, []));
}
