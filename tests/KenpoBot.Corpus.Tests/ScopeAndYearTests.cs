namespace KenpoBot.Corpus.Tests;

public sealed class ScopeTests
{
    [Theory]
    [InlineData("秋田", "秋田支部")]
    [InlineData("秋田支部", "秋田支部")]
    [InlineData("秋田県", "秋田支部")]
    [InlineData("あきた", "秋田支部")]
    [InlineData("東京都", "東京支部")]
    [InlineData("大阪府", "大阪支部")]
    [InlineData("北海道", "北海道支部")]
    [InlineData("全国", "協会全体")]
    [InlineData("協会全体", "協会全体")]
    public void TryParse_AcceptsTheWaysUsersWriteAScope(string text, string display)
    {
        Assert.True(Scope.TryParse(text, out var scope));
        Assert.Equal(display, scope.DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("火星")]
    [InlineData("秋田市")]
    [InlineData(null)]
    public void TryParse_RejectsWhatIsNoScope(string? text) => Assert.False(Scope.TryParse(text, out _));

    [Fact]
    public void Branches_AreTheFortySevenPrefectures() => Assert.Equal(47, Scope.Branches.Select(b => b.Name).Distinct().Count());
}

public sealed class JapaneseYearsTests
{
    [Theory]
    [InlineData("令和5年度", 2023)]
    [InlineData("令和５年度", 2023)]
    [InlineData("R5", 2023)]
    [InlineData("2023年度", 2023)]
    [InlineData("FY2023", 2023)]
    [InlineData("令和元年度", 2019)]
    [InlineData("平成31年度", 2019)]
    [InlineData("平成30年度", 2018)]
    [InlineData("令和2年度", 2020)]
    public void Find_ReadsEveryNotation(string text, int year)
    {
        var mention = Assert.Single(JapaneseYears.Find(JapaneseYears.Normalize(text)));
        Assert.Equal(year, mention.FiscalYear);
    }

    [Theory]
    [InlineData("1,780事業所")]
    [InlineData("2026")]
    [InlineData("SR5X")]
    public void Find_IgnoresNumbersThatAreNoYear(string text) => Assert.Empty(JapaneseYears.Find(text));

    [Theory]
    [InlineData(2024, 3, 31, 2023)]
    [InlineData(2024, 4, 1, 2024)]
    public void FiscalYearOf_StartsInApril(int y, int m, int d, int fiscal) => Assert.Equal(fiscal, JapaneseYears.FiscalYearOf(new DateOnly(y, m, d)));

    [Fact]
    public void Forms_ListsAllNotationsOfAYear() => Assert.Equal(["2023年度", "令和5年度", "R5"], JapaneseYears.Forms(2023));
}
