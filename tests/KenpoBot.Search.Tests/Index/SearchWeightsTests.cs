using KenpoBot.Search.Index;

namespace KenpoBot.Search.Tests.Index;

public sealed class SearchWeightsTests
{
    [Fact]
    public void With_SetsTheNamedWeights_AnyCase_AndLeavesTheDefaultAlone()
    {
        var weights = SearchWeights.Default.With(["scope=4", "Term=0.5"]);
        Assert.Equal(4f, weights.Scope);
        Assert.Equal(0.5f, weights.Term);
        Assert.Equal(SearchWeights.Default.Text, weights.Text);
        Assert.Equal(6f, SearchWeights.Default.Scope);
    }

    [Theory]
    [InlineData("Boost=2")]
    [InlineData("Scope")]
    [InlineData("Scope=-1")]
    [InlineData("Scope=x")]
    [InlineData("Scope=NaN")]
    public void With_RefusesUnknownNamesAndValuesThatAreNotWeights(string setting)
    {
        Assert.Throws<FormatException>(() => SearchWeights.Default.With([setting]));
    }

    [Fact]
    public void Names_AreEveryWeight()
    {
        Assert.Equal(["Title", "Text", "TitleBigram", "TextBigram", "Expansion", "Scope", "FiscalYear", "Term"], SearchWeights.Names);
    }
}
