using KenpoBot.Search.Analysis;
using KenpoBot.Search.Tests.Support;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class JapanesePartOfSpeechStopFilterTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = TokenStreams.TokenizerWith(
        ts => new JapanesePartOfSpeechStopFilter(JapaneseAnalyzer.MatchVersion, ts, JapaneseStopSets.StopTags));

    [Fact]
    public void Filter_DefaultTags_RemoveParticlesAndLeavePositionGaps()
    {
        Assert.Equal(
            new[] { "特定|1", "保健|1", "指導|1", "実施|2", "率|1", "38.5|2", "%|1", "以上|1", "する|2" },
            TokenStreams.Analyze(Analyzer, "特定保健指導の実施率を38.5%以上とする").Select(t => $"{t.Term}|{t.PositionIncrement}"));
    }

    [Fact]
    public void Filter_DefaultTags_RemoveSymbolsPunctuationAndEmoji()
    {
        Assert.Equal(
            new[] { "KPI|2|5|2", "１|6|7|2", "受診|8|10|2", "率|12|13|2" },
            TokenStreams.Analyze(Analyzer, "■ KPI：１）受診😀率。")
                .Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}|{t.PositionIncrement}"));
    }

    [Fact]
    public void Filter_CustomTags_RemoveOnlyThoseTags()
    {
        var analyzer = TokenStreams.TokenizerWith(
            ts => new JapanesePartOfSpeechStopFilter(JapaneseAnalyzer.MatchVersion, ts, new HashSet<string> { "名詞-数" }));

        Assert.Equal(
            new[] { "特定", "保健", "指導", "の", "実施", "率", "を", "%", "以上", "と", "する" },
            TokenStreams.Terms(analyzer, "特定保健指導の実施率を38.5%以上とする"));
    }

    [Fact]
    public void Filter_TagMatchesOnlyWhole_SoAParentTagDoesNotCoverItsChildren()
    {
        var analyzer = TokenStreams.TokenizerWith(
            ts => new JapanesePartOfSpeechStopFilter(JapaneseAnalyzer.MatchVersion, ts, new HashSet<string> { "助詞" }));

        Assert.Equal(new[] { "実施", "率", "を" }, TokenStreams.Terms(analyzer, "実施率を"));
    }

    [Fact]
    public void Filter_EnglishAndEmpty_PassThrough()
    {
        Assert.Equal(new[] { "Hello", "World" }, TokenStreams.Terms(Analyzer, "Hello, World."));
        Assert.Empty(TokenStreams.Terms(Analyzer, string.Empty));
    }
}
