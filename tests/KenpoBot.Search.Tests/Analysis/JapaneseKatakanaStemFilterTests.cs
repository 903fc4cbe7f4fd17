using KenpoBot.Search.Analysis;
using KenpoBot.Search.Tests.Support;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class JapaneseKatakanaStemFilterTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer =
        TokenStreams.WhitespaceWith(ts => new JapaneseKatakanaStemFilter(ts));

    [Fact]
    public void Filter_KatakanaOfFourOrMore_LosesOneTrailingLongVowelMark()
    {
        Assert.Equal(
            new[] { "サーバ", "ユーザ", "パーティ", "ーーー", "コピー", "データ", "ｻｰﾊﾞｰ", "サーバー機", "server" },
            TokenStreams.Terms(Analyzer, "サーバー ユーザー パーティー ーーーー コピー データ ｻｰﾊﾞｰ サーバー機 server"));
    }

    [Fact]
    public void Filter_CustomMinimumLength_AppliesToShorterWords()
    {
        var analyzer = TokenStreams.WhitespaceWith(ts => new JapaneseKatakanaStemFilter(ts, minimumLength: 3));

        Assert.Equal(new[] { "コピ", "キー" }, TokenStreams.Terms(analyzer, "コピー キー"));
    }

    [Fact]
    public void Filter_KeywordToken_IsLeftAlone()
    {
        var keywords = new CharArraySet(JapaneseAnalyzer.MatchVersion, new[] { "サーバー" }, false);
        var analyzer = TokenStreams.WhitespaceWith(ts => new JapaneseKatakanaStemFilter(new SetKeywordMarkerFilter(ts, keywords)));

        Assert.Equal(new[] { "サーバー", "ユーザ" }, TokenStreams.Terms(analyzer, "サーバー ユーザー"));
    }

    [Fact]
    public void Constructor_MinimumLengthBelowOne_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new JapaneseKatakanaStemFilter(new Lucene.Net.Analysis.Core.WhitespaceTokenizer(JapaneseAnalyzer.MatchVersion, new StringReader(string.Empty)), 0));

        Assert.Equal("minimumLength", ex.ParamName);
    }

    [Fact]
    public void Filter_Empty_GivesNothing()
    {
        Assert.Empty(TokenStreams.Terms(Analyzer, string.Empty));
    }
}
