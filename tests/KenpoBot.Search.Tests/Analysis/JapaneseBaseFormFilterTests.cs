using KenpoBot.Search.Analysis;
using KenpoBot.Search.Tests.Support;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class JapaneseBaseFormFilterTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer =
        TokenStreams.TokenizerWith(ts => new JapaneseBaseFormFilter(ts));

    [Theory]
    [InlineData("走った", new[] { "走る", "た" })]
    [InlineData("良かったです", new[] { "良い", "た", "です" })]
    [InlineData("向上させる", new[] { "向上", "する", "せる" })]
    [InlineData("特定保健指導の実施率", new[] { "特定", "保健", "指導", "の", "実施", "率" })]
    public void Filter_InflectedWords_BecomeTheirBaseForm(string text, string[] expected)
    {
        Assert.Equal(expected, TokenStreams.Terms(Analyzer, text));
    }

    [Fact]
    public void Filter_KeepsOffsetsOfTheInflectedSurface()
    {
        Assert.Equal(
            new[] { "走る|0|2", "た|2|3" },
            TokenStreams.Analyze(Analyzer, "走った").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Filter_KeywordToken_IsLeftAlone()
    {
        var keywords = new CharArraySet(JapaneseAnalyzer.MatchVersion, new[] { "走っ" }, false);
        var analyzer = TokenStreams.TokenizerWith(ts => new JapaneseBaseFormFilter(new SetKeywordMarkerFilter(ts, keywords)));

        Assert.Equal(new[] { "走っ", "た" }, TokenStreams.Terms(analyzer, "走った"));
    }

    [Fact]
    public void Filter_EnglishAndNumbersWithoutBaseForm_AreUnchanged()
    {
        Assert.Equal(new[] { "Running", "dogs", "57.6" }, TokenStreams.Terms(Analyzer, "Running dogs 57.6"));
    }

    [Fact]
    public void Filter_Empty_GivesNothing()
    {
        Assert.Empty(TokenStreams.Terms(Analyzer, string.Empty));
    }
}
