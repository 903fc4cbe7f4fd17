using KenpoBot.Assistant.Understanding;

namespace KenpoBot.Assistant.Tests.Understanding;

public sealed class CaselessTests
{
    [Theory]
    [InlineData("秋田のKPIは？", "kpi", true)]
    [InlineData("秋田のkpiは？", "KPI", true)]
    [InlineData("AP6の目標", "ap6", true)]
    [InlineData("特定保健指導の実施率", "保健指導", true)]
    [InlineData("特定保健指導の実施率", "保険指導", false)]
    [InlineData("ＫＰＩ", "ｋｐｉ", true)] // full-width letters have case too
    [InlineData("ＫＰＩ", "kpi", false)]
    [InlineData("事業所", "", true)]
    [InlineData("第6期のＫＰＩ", "のｋｐｉ", true)] // a cased letter after kana still counts
    [InlineData("Ⅱ期の計画", "ⅱ期", true)] // roman numerals (U+2160) have case
    public void Contains_IgnoresCaseOnlyWhereThereIsCase(string text, string word, bool expected)
    {
        Assert.Equal(expected, Caseless.Contains(text, word));
        Assert.Equal(text.Contains(word, StringComparison.OrdinalIgnoreCase), Caseless.Contains(text, word));
    }

    [Fact]
    public void IndexOf_IsWhereOrdinalIgnoreCaseFindsIt()
    {
        Assert.Equal(4, Caseless.IndexOf("第6期のKPI", "kpi"));
        Assert.Equal(1, Caseless.IndexOf("第6期のKPI", "6期"));
        Assert.Equal(-1, Caseless.IndexOf("第6期のKPI", "5期"));
    }

    [Fact]
    public void KanaCjkSymbolsAndIdeographs_HaveNoCase()
    {
        // The premise of the fast path: no character from U+3000 to U+9FFF changes under invariant casing.
        for (var c = '\u3000'; c <= '\u9FFF'; c++)
            Assert.True(char.ToUpperInvariant(c) == c && char.ToLowerInvariant(c) == c, $"U+{(int)c:X4}");
    }
}
