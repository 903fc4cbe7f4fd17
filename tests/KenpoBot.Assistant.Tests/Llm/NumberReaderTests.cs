using KenpoBot.Assistant.Llm;

namespace KenpoBot.Assistant.Tests.Llm;

public sealed class NumberReaderTests
{
    [Theory]
    [InlineData("約1万2千人", 12000)]
    [InlineData("1.2万人", 12000)]
    [InlineData("12,000人", 12000)]
    [InlineData("１２，０００人", 12000)]
    [InlineData("６３．２％", 63.2)]
    [InlineData("1億2,345万人", 123450000)]
    [InlineData("令和5年度", 2023)]
    [InlineData("R5", 2023)]
    [InlineData("2023年度", 2023)]
    [InlineData("平成30年度", 2018)]
    public void ReadsOneNumber(string text, double expected) =>
        Assert.Equal((decimal)expected, Assert.Single(NumberReader.Read(text)).Value);

    [Theory]
    [InlineData("第6期のアクションプラン")]
    [InlineData("6期")]
    [InlineData("AP6 の KPI")]
    [InlineData("① 業務処理体制の強化")]
    [InlineData("1. 基盤的保険者機能")]
    [InlineData("（2）健康づくり")]
    public void OrdinalsAndLabelsAreNoFigures(string text) => Assert.Empty(NumberReader.Read(text));

    [Theory]
    [InlineData("1.2万", 12345, true)]
    [InlineData("1万2千", 12345, true)]
    [InlineData("12,000", 12000, true)]
    [InlineData("63.2", 63.24, true)]
    [InlineData("60", 59.7, false)]
    [InlineData("1.3万", 12345, false)]
    public void AWrittenNumberMatchesTheExactValueItRounds(string text, double exact, bool matches) =>
        Assert.Equal(matches, Assert.Single(NumberReader.Read(text)).Matches((decimal)exact));

    [Fact]
    public void GroundedNumbers_FromFieldsTextRangesAndListPositions()
    {
        object[] results = [new { FiscalYears = "2024-2026", Snippet = "取得率を9.2%以上とする", Rows = new[] { 1, 2, 3 } }];

        Assert.Empty(NumberGrounding.Ungrounded("令和7年度（2025年度）の目標は9.2%で、上位3件です。", "", results));
        Assert.Equal(["9.5"], NumberGrounding.Ungrounded("目標は9.5%です。", "", results));
        Assert.Empty(NumberGrounding.Ungrounded("目標は9.5%です。", "9.5%なら？", results));
    }
}
