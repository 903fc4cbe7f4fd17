using KenpoBot.Search.Index;
using KenpoBot.Search.Index.Snippets;

namespace KenpoBot.Search.Tests.Index.Snippets;

public sealed class OneLineTests
{
    [Theory]
    [InlineData("a\nb", "a b")]
    [InlineData("a  \n b", "a b")]
    [InlineData(" a　b ", "a　b")]
    [InlineData("a\t\tb", "a b")]
    [InlineData("\n\n", "")]
    [InlineData("", "")]
    public void Of_MakesOneLine(string text, string expected)
    {
        Assert.Equal(expected, OneLine.Of("", text, "", marks: false, SnippetScratch.Current));
    }

    [Theory]
    [InlineData("\uE000a\uE001 b", "**a** b", "\uE000a\uE001 b")]
    [InlineData(" \uE000a \uE001 ", "**a **", "\uE000a \uE001")]
    [InlineData("x \uE000 y\uE001", "x ** y**", "x \uE000 y\uE001")]
    public void Of_WritesMarksAsStars_OnlyWhenAsked(string text, string marked, string plain)
    {
        Assert.Equal("…" + marked + "…", OneLine.Of("…", text, "…", marks: true, SnippetScratch.Current));
        Assert.Equal(plain, OneLine.Of("", text, "", marks: false, SnippetScratch.Current));
    }
}
