using KenpoBot.Search.Index.Snippets;

namespace KenpoBot.Search.Tests.Index.Snippets;

public sealed class SnippetWindowTests
{
    [Fact]
    public void Best_IsCentredOnItsMatches_AndDoesNotStartBeforeTheText()
    {
        // 2 characters matched: 79 before them, cut at 0.
        Assert.Equal(new SnippetWindow(0, 160, 0, 1), SnippetWindow.Best([new MatchSpan(10, 12)], 160));
    }

    [Fact]
    public void Best_IsTheWindowWithTheMostMatches()
    {
        // The first window gathers 300–307 (7 characters, 76 before them); the second holds only 900–902.
        MatchSpan[] spans = [new(300, 302), new(305, 307), new(900, 902)];
        Assert.Equal(new SnippetWindow(224, 384, 0, 2), SnippetWindow.Best(spans, 160));
    }

    [Fact]
    public void Best_AmongEqualWindows_IsTheFirst_AndNoneWithoutMatches()
    {
        Assert.Equal(new SnippetWindow(221, 381, 0, 1), SnippetWindow.Best([new MatchSpan(300, 302), new MatchSpan(900, 902)], 160));
        Assert.Null(SnippetWindow.Best([], 160));
    }

    [Fact]
    public void Best_OfAMatchLongerThanAWindow_IsTheMatch()
    {
        Assert.Equal(new SnippetWindow(50, 250, 0, 1), SnippetWindow.Best([new MatchSpan(50, 250)], 160));
    }
}
