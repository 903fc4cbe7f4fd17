using KenpoBot.Search.Analysis;

namespace KenpoBot.Search.Tests.Analysis;

public sealed class JapaneseStopSetsTests
{
    [Theory]
    [InlineData("助詞-格助詞-一般")]
    [InlineData("助詞-連体化")]
    [InlineData("助詞-副助詞／並立助詞／終助詞")]
    [InlineData("助動詞")]
    [InlineData("記号-句点")]
    [InlineData("記号-一般")]
    [InlineData("接続詞")]
    public void StopTags_ContainFunctionWordTags(string tag)
    {
        Assert.Contains(tag, JapaneseStopSets.StopTags);
    }

    [Theory]
    [InlineData("名詞-数")]
    [InlineData("名詞-接尾-一般")]
    [InlineData("名詞-非自立-副詞可能")]
    [InlineData("動詞-自立")]
    public void StopTags_KeepContentTags(string tag)
    {
        Assert.DoesNotContain(tag, JapaneseStopSets.StopTags);
    }

    [Fact]
    public void StopTags_HaveTheTwentySevenListedTags()
    {
        Assert.Equal(27, JapaneseStopSets.StopTags.Count);
    }

    [Theory]
    [InlineData("する", true)]
    [InlineData("こと", true)]
    [InlineData("これ", true)]
    [InlineData("以上", false)]
    [InlineData("以下", false)]
    [InlineData("未満", false)]
    [InlineData("率", false)]
    [InlineData("割合", false)]
    public void StopWords_DropLightWordsButNeverKpiWords(string word, bool stopped)
    {
        Assert.Equal(stopped, JapaneseStopSets.StopWords.Contains(word));
    }
}
