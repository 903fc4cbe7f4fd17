using KenpoBot.Search.Analysis;
using KenpoBot.Search.Tests.Support;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class JapaneseAnalyzerTests
{
    private static readonly JapaneseAnalyzer Analyzer = new();

    [Theory]
    [InlineData(
        "特定保健指導の実施率を38.5%以上とする",
        new[] { "特定|0|2|1", "保健|2|4|1", "指導|4|6|1", "実施|7|9|2", "率|9|10|1", "38.5|11|15|2", "%|15|16|1", "以上|16|18|1" })]
    [InlineData(
        "ジェネリック医薬品使用割合を８４．５％以上とする",
        new[] { "ジェネリック|0|6|1", "医薬品|6|9|1", "使用|9|11|1", "割合|11|13|1", "84.5|14|18|2", "%|18|19|1", "以上|19|21|1" })]
    [InlineData(
        "健康宣言事業所数を1,780事業所以上とする",
        new[] { "健康|0|2|1", "宣言|2|4|1", "事業|4|6|1", "所|6|7|1", "数|7|8|1", "1,780|9|14|2", "事業|14|16|1", "所|16|17|1", "以上|17|19|1" })]
    [InlineData(
        "■ KPI：１）生活習慣病予防健診実施率を57.6％以上とする",
        new[] { "kpi|2|5|2", "1|6|7|2", "生活|8|10|2", "習慣|10|12|1", "病|12|13|1", "予防|13|15|1", "健|15|16|1", "診る|16|17|1", "実施|17|19|1", "率|19|20|1", "57.6|21|25|2", "%|25|26|1", "以上|26|28|1" })]
    public void Analyze_KpiSentence_GivesContentTermsWithOffsetsAndPositionGaps(string text, string[] expected)
    {
        Assert.Equal(
            expected,
            TokenStreams.Analyze(Analyzer, text).Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}|{t.PositionIncrement}"));
    }

    [Theory]
    [InlineData("サーバー", new[] { "サーバ" })]
    [InlineData("サーバ", new[] { "サーバ" })]
    [InlineData("サーバーの設定", new[] { "サーバ", "設定" })]
    [InlineData("ｻｰﾊﾞｰ", new[] { "サーバ" })]
    public void Analyze_KatakanaWithOrWithoutLongVowel_GivesTheSameStem(string text, string[] expected)
    {
        Assert.Equal(expected, TokenStreams.Terms(Analyzer, text));
    }

    [Theory]
    [InlineData("38.5%")]
    [InlineData("３８．５％")]
    [InlineData("（38.5%）")]
    [InlineData("(３８．５％)")]
    public void Analyze_NumbersInAnyWidth_GiveTheSameTerms(string text)
    {
        Assert.Equal(new[] { "38.5", "%" }, TokenStreams.Terms(Analyzer, text));
    }

    [Fact]
    public void Analyze_InflectedVerbsAndStopWords_AreReducedOrRemoved()
    {
        Assert.Equal(new[] { "実施", "率", "向上", "良い" }, TokenStreams.Terms(Analyzer, "実施率を向上させることが良かった"));
    }

    [Fact]
    public void Analyze_Emoji_IsRemovedAndLeavesAGap()
    {
        Assert.Equal(
            new[] { "受診|0|2|1", "率|4|5|2" },
            TokenStreams.Analyze(Analyzer, "受診😀率").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}|{t.PositionIncrement}"));
    }

    [Fact]
    public void Analyze_English_IsLowerCased()
    {
        Assert.Equal(new[] { "hello", "world", "kpi" }, TokenStreams.Terms(Analyzer, "Hello World, KPI."));
    }

    [Fact]
    public void Analyze_Empty_GivesNothing()
    {
        Assert.Empty(TokenStreams.Analyze(Analyzer, string.Empty, out var finalOffset));
        Assert.Equal(0, finalOffset);
    }

    [Fact]
    public void Analyze_TenThousandCharacters_GivesEveryContentTerm()
    {
        var text = string.Concat(Enumerable.Repeat("特定保健指導の実施率を向上させる。", 600));

        var tokens = TokenStreams.Analyze(Analyzer, text, out var finalOffset);

        Assert.Equal(600 * 6, tokens.Count);
        Assert.Equal(new[] { "特定", "保健", "指導", "実施", "率", "向上" }, tokens.Take(6).Select(t => t.Term));
        Assert.Equal(10_200, finalOffset);
    }

    [Fact]
    public void Analyze_RandomText_NeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var text = TokenStreams.RandomText(random, random.Next(0, 300));

            var tokens = TokenStreams.Analyze(Analyzer, text, out var finalOffset);

            Assert.Equal(text.Length, finalOffset);
            Assert.All(tokens, t => Assert.InRange(t.EndOffset, t.StartOffset, text.Length));
        }
    }

    [Fact]
    public void Analyze_WithSynonyms_AddsThemAtTheSamePosition()
    {
        var builder = new SynonymMap.Builder(dedup: true);
        builder.Add(new CharsRef("受診"), new CharsRef("検診"), includeOrig: true);
        using var analyzer = new JapaneseAnalyzer(builder.Build());

        Assert.Equal(
            new[] { "受診|0|2|1", "検診|0|2|0", "率|2|3|1" },
            TokenStreams.Analyze(analyzer, "受診率").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}|{t.PositionIncrement}"));
    }

    [Fact]
    public void Analyze_WithSynonymsParsedThroughTheAnalyzer_MatchesTheIndexedForm()
    {
        var parser = new SolrSynonymParser(dedup: true, expand: true, analyzer: new JapaneseAnalyzer());
        parser.Parse(new StringReader("サーバー, 機器"));
        using var analyzer = new JapaneseAnalyzer(parser.Build());

        Assert.Equal(
            new[] { "サーバ|0|4|1", "機器|0|4|0" },
            TokenStreams.Analyze(analyzer, "サーバー").Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}|{t.PositionIncrement}"));
    }

    [Fact]
    public void Analyze_WithEmptySynonymMap_BehavesAsWithout()
    {
        using var analyzer = new JapaneseAnalyzer(new SynonymMap.Builder(dedup: true).Build());

        Assert.Equal(new[] { "受診", "率" }, TokenStreams.Terms(analyzer, "受診率"));
    }

    [Fact]
    public void Analyze_CustomStopLists_AreUsed()
    {
        var stopWords = new Lucene.Net.Analysis.Util.CharArraySet(JapaneseAnalyzer.MatchVersion, new[] { "率" }, ignoreCase: true);
        using var analyzer = new JapaneseAnalyzer(stopWords, new HashSet<string> { "助詞-格助詞-一般" });

        Assert.Equal(new[] { "実施", "向上", "する", "せる", "。" }, TokenStreams.Terms(analyzer, "実施率を向上させる。"));
    }
}
