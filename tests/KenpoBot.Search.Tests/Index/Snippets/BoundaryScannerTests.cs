using KenpoBot.Search.Index.Snippets;

namespace KenpoBot.Search.Tests.Index.Snippets;

public sealed class BoundaryScannerTests
{
    private static readonly BoundaryScanner Scanner = new(3, ['。', ' ']);

    [Theory]
    [InlineData("あいう。えおか", 6, 4)] // after the boundary two characters back
    [InlineData("abcdefgh", 5, 5)] // none within three characters: where it was
    [InlineData("abcdefgh", 3, 0)] // none, but the text's start is as near: the start
    [InlineData("abcdefgh", 0, 0)]
    [InlineData("abc", 5, 5)] // past the text and its separator: where it was
    public void Start_MovesBackToABoundary(string text, int start, int expected)
    {
        Assert.Equal(expected, Scanner.Start(text, start));
    }

    [Theory]
    [InlineData("abc def", 1, 3)] // at the boundary two characters on
    [InlineData("abcdefgh", 1, 1)] // none within three characters: where it was
    [InlineData("abcdef", 4, 6)] // the separator after the text
    [InlineData("abcdef", 6, 6)]
    public void End_MovesOnToABoundary(string text, int end, int expected)
    {
        Assert.Equal(expected, Scanner.End(text, end));
    }
}
