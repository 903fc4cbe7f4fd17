using KenpoBot.Corpus.Import;

namespace KenpoBot.Corpus.Tests.Import;

public sealed class ImportTextTests
{
    [Theory]
    [InlineData("\u2F8F動", "行動")]                // ⾏ KANGXI RADICAL WALK ENCLOSURE → 行
    [InlineData("加\u2F0A者", "加入者")]            // ⼊ KANGXI RADICAL ENTER → 入
    [InlineData("秋田\u2F40部", "秋田支部")]        // ⽀ KANGXI RADICAL BRANCH → 支
    [InlineData("ＫＰＩ：５７．６％", "KPI:57.6%")]
    public void Normalize_KangxiRadicalsAndFullWidth_BecomeTheCharactersTheyStandFor(string extracted, string expected)
    {
        Assert.Equal(expected, ImportText.Normalize(extracted));
    }

    [Theory]
    [InlineData("① サービス水準の向上")]
    [InlineData("Ⅲ)医療費適正化")]
    [InlineData("ⅱ)事業者健診データ取得")]
    public void Normalize_NumberingMarks_AreKept(string line)
    {
        Assert.Equal(line, ImportText.Normalize(line));
    }

    [Fact]
    public void Key_IgnoresSpacesAndWidth()
    {
        Assert.Equal(ImportText.Key("サービススタンダードの平均所要日数７日以内を維持する。"), ImportText.Key("サービス スタンダードの平均所要日数 7日以内を維持する。"));
    }
}
