using KenpoBot.Search.Analysis;
using KenpoBot.Search.Tests.Support;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class NfkcFilterTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = TokenStreams.WhitespaceWith(ts => new NfkcFilter(ts));

    [Fact]
    public void Filter_CompatibilityForms_AreNormalisedAndOffsetsKept()
    {
        Assert.Equal(
            new[] { "38.5%|0|5", "サーバー|6|11", "1|12|13", "ABC|14|17", "(株)|18|19", "38.5%|20|25", "健診|26|28" },
            TokenStreams.Analyze(Analyzer, "３８．５％ ｻｰﾊﾞｰ ① ＡＢＣ ㈱ 38.5% 健診")
                .Select(t => $"{t.Term}|{t.StartOffset}|{t.EndOffset}"));
    }

    [Fact]
    public void Filter_Empty_GivesNothing()
    {
        Assert.Empty(TokenStreams.Terms(Analyzer, string.Empty));
    }
}
