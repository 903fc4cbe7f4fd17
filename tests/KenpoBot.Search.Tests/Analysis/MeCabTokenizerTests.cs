using KenpoBot.Search.Tests.Support;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class MeCabTokenizerTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Tokenizer = TokenStreams.Tokenizer();

    [Theory]
    [InlineData(
        "特定保健指導の実施率を38.5%以上とする",
        new[] { "特定|0|2", "保健|2|4", "指導|4|6", "の|6|7", "実施|7|9", "率|9|10", "を|10|11", "38.5|11|15", "%|15|16", "以上|16|18", "と|18|19", "する|19|21" })]
    [InlineData(
        "ジェネリック医薬品使用割合を８４．５％以上とする",
        new[] { "ジェネリック|0|6", "医薬品|6|9", "使用|9|11", "割合|11|13", "を|13|14", "８４．５|14|18", "％|18|19", "以上|19|21", "と|21|22", "する|22|24" })]
    [InlineData(
        "健康宣言事業所数を1,780事業所以上とする",
        new[] { "健康|0|2", "宣言|2|4", "事業|4|6", "所|6|7", "数|7|8", "を|8|9", "1,780|9|14", "事業|14|16", "所|16|17", "以上|17|19", "と|19|20", "する|20|22" })]
    public void Tokenize_KpiSentence_KeepsNumbersWholeWithExactOffsets(string text, string[] expected)
    {
        var tokens = TokenStreams.Analyze(Tokenizer, text);

        Assert.Equal(expected, tokens.Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
        Assert.All(tokens, t => Assert.Equal(1, t.PositionIncrement));
    }

    [Fact]
    public void Tokenize_NumberShapes_MergesOnlyDecimalsAndThreeDigitGroups()
    {
        Assert.Equal(
            new[] { "1|0|1", ",|1|2", "23|2|4", "と|4|5", "1,234,567|5|14", "と|14|15", "3.14.15|15|22" },
            TokenStreams.Analyze(Tokenizer, "1,23と1,234,567と3.14.15").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Tokenize_UnknownAsciiSymbols_AreTaggedAsTheirFullWidthForms()
    {
        Assert.Equal(
            new[] { "Hello|名詞-固有名詞-組織||", ",|記号-一般||", "A|名詞-一般||", "/|記号-一般||", "B|名詞-一般||", "％|名詞-接尾-助数詞|％|パーセント", "%|名詞-接尾-助数詞||パーセント" },
            TokenStreams.Attributes(Tokenizer, "Hello, A/B ％ %"));
    }

    [Fact]
    public void Tokenize_UnknownSymbolRun_IsSplitIntoOneTokenPerSymbol()
    {
        Assert.Equal(
            new[] { "(|0|1", "38.5|1|5", "%|5|6", ")|6|7", "以上|7|9", "。|9|10", "84.5|10|14", "%|14|15", "。|15|16" },
            TokenStreams.Analyze(Tokenizer, "(38.5%)以上。84.5%。").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Tokenize_NumberPiecesSeparatedBySpaces_StayApart()
    {
        Assert.Equal(new[] { "38", ".", "5" }, TokenStreams.Terms(Tokenizer, "38 . 5"));
    }

    [Fact]
    public void Tokenize_Attributes_CarryPartOfSpeechBaseFormAndReading()
    {
        Assert.Equal(
            new[] { "走っ|動詞-自立|走る|ハシッ", "た|助動詞|た|タ", "38.5|名詞-数||", "%|名詞-接尾-助数詞||パーセント" },
            TokenStreams.Attributes(Tokenizer, "走った38.5%"));
    }

    [Fact]
    public void Tokenize_EmojiFamilyWithZeroWidthJoiners_GivesSurrogatePairOffsetsAndDropsTheJoiners()
    {
        Assert.Equal(
            new[] { "👨|0|2", "👩|3|5", "👧|6|8", "家族|8|10" },
            TokenStreams.Analyze(Tokenizer, "👨\u200D👩\u200D👧家族").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Tokenize_WhiteSpaceAndControlCharacters_AreDropped()
    {
        Assert.Equal(
            new[] { "特定|0|2", "保健|3|5", "指導|6|8", "率|10|11" },
            TokenStreams.Analyze(Tokenizer, "特定\t保健\u200B指導\r\n率\u3000").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Tokenize_English_GivesWordsWithOffsets()
    {
        Assert.Equal(
            new[] { "Hello|0|5", "World|6|11" },
            TokenStreams.Analyze(Tokenizer, "Hello World").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Tokenize_Empty_GivesNoTokensAndFinalOffsetZero()
    {
        Assert.Empty(TokenStreams.Analyze(Tokenizer, string.Empty, out var finalOffset));
        Assert.Equal(0, finalOffset);
    }

    [Fact]
    public void Tokenize_OnlyWhiteSpace_GivesNoTokensAndFinalOffsetAtTheEnd()
    {
        Assert.Empty(TokenStreams.Analyze(Tokenizer, " \n\u3000", out var finalOffset));
        Assert.Equal(3, finalOffset);
    }

    [Fact]
    public void Tokenize_TenThousandCharacters_GivesEveryToken()
    {
        var text = string.Concat(Enumerable.Repeat("特定保健指導の実施率を向上させる。", 600));

        var tokens = TokenStreams.Analyze(Tokenizer, text, out var finalOffset);

        Assert.Equal(600 * 11, tokens.Count);
        Assert.Equal(
            new[] { "特定", "保健", "指導", "の", "実施", "率", "を", "向上", "さ", "せる", "。" },
            tokens.Take(11).Select(t => t.Term));
        Assert.Equal(("。", 10_199, 10_200), (tokens[^1].Term, tokens[^1].StartOffset, tokens[^1].EndOffset));
        Assert.Equal(10_200, finalOffset);
    }

    [Fact]
    public void Tokenize_ReusedTokenizer_GivesTheSameTokensEachTime()
    {
        var first = TokenStreams.Analyze(Tokenizer, "特定保健指導の実施率");
        TokenStreams.Analyze(Tokenizer, "Hello");
        var again = TokenStreams.Analyze(Tokenizer, "特定保健指導の実施率");

        Assert.Equal(first, again);
    }

    [Fact]
    public void Tokenize_RandomText_NeverThrowsAndOffsetsPointAtTheTerm()
    {
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var text = TokenStreams.RandomText(random, random.Next(0, 300));

            var tokens = TokenStreams.Analyze(Tokenizer, text, out var finalOffset);

            Assert.Equal(text.Length, finalOffset);
            Assert.All(tokens, t => Assert.Equal(text[t.StartOffset..t.EndOffset], t.Term));
        }
    }
}
