using KenpoBot.Search.Analysis;
using KenpoBot.Search.Tests.Support;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class CjkBigramAnalyzerTests
{
    private static readonly CjkBigramAnalyzer Analyzer = new();

    private static string[] Tokens(Lucene.Net.Analysis.Analyzer analyzer, string text) =>
        [.. TokenStreams.Analyze(analyzer, text).Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}|{t.PositionIncrement}")];

    [Fact]
    public void Analyze_JapaneseSentence_GivesOverlappingBigrams()
    {
        Assert.Equal(
            new[] { "特定|0|2|1", "定保|1|3|1", "保健|2|4|1", "健指|3|5|1", "指導|4|6|1", "導の|5|7|1", "の実|6|8|1", "実施|7|9|1", "施率|8|10|1" },
            Tokens(Analyzer, "特定保健指導の実施率"));
    }

    [Fact]
    public void Analyze_Numbers_StayWholeInAnyWidth()
    {
        Assert.Equal(
            new[] { "実施|0|2|1", "施率|1|3|1", "率を|2|4|1", "38.5|4|8|1", "以上|9|11|1" },
            Tokens(Analyzer, "実施率を38.5%以上"));
        Assert.Equal(
            new[] { "目標|0|2|1", "84.5|2|6|1", "1,780|8|13|1", "事業|13|15|1", "業所|14|16|1" },
            Tokens(Analyzer, "目標８４．５％、1,780事業所"));
    }

    [Fact]
    public void Analyze_Katakana_GivesBigramsWithinTheWord()
    {
        Assert.Equal(new[] { "サー|0|2|1", "ーバ|1|3|1", "バー|2|4|1" }, Tokens(Analyzer, "サーバー"));
        Assert.Equal(new[] { "サー", "ーバ", "バー" }, TokenStreams.Terms(Analyzer, "ｻｰﾊﾞｰ"));
    }

    [Fact]
    public void Analyze_SingleCharacter_IsKeptAsAUnigram()
    {
        Assert.Equal(new[] { "率|0|1|1" }, Tokens(Analyzer, "率"));
    }

    [Fact]
    public void Analyze_WithUnigrams_StacksBigramsOnTheirFirstCharacter()
    {
        using var analyzer = new CjkBigramAnalyzer(outputUnigrams: true);

        Assert.Equal(new[] { "保|0|1|1", "保健|0|2|0", "健|1|2|1" }, Tokens(analyzer, "保健"));
    }

    [Fact]
    public void Analyze_English_IsLowerCasedWords()
    {
        Assert.Equal(new[] { "hello|0|5|1", "world|6|11|1" }, Tokens(Analyzer, "Hello World"));
    }

    [Fact]
    public void Analyze_Empty_GivesNothing()
    {
        Assert.Empty(TokenStreams.Terms(Analyzer, string.Empty));
    }

    [Fact]
    public void Analyze_RandomText_NeverThrows()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var text = TokenStreams.RandomText(random, random.Next(0, 300));

            var tokens = TokenStreams.Analyze(Analyzer, text, out var finalOffset);

            Assert.Equal(text.Length, finalOffset);
            Assert.All(tokens, t => Assert.InRange(t.EndOffset, t.StartOffset, text.Length));
        }
    }
}
