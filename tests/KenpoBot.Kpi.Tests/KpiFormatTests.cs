using KenpoBot.Corpus;

namespace KenpoBot.Kpi.Tests;

public sealed class KpiFormatTests
{
    [Theory]
    [InlineData("0.97274", "97.3%")]
    [InlineData("0.95", "95.0%")]
    [InlineData("0.949894", "94.98%")] // 94.99 rounded would read 95.0%: truncated instead
    [InlineData("0.94999", "94.99%")]
    [InlineData("0.9996", "99.96%")]   // would read 100.0%
    [InlineData("1", "100.0%")]
    [InlineData("1.052", "105.2%")]
    [InlineData("0.638297", "63.8%")]
    public void Degree_RoundsForDisplayWithoutCrossingThresholds(string ratio, string expected)
    {
        Assert.Equal(expected, KpiFormat.Degree(decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("92.41", Unit.Percent, "92.41%")]
    [InlineData("8.0", Unit.Percent, "8.0%")]
    [InlineData("7125", Unit.Yen, "7,125円")]
    [InlineData("94740", Unit.Offices, "94,740事業所")]
    [InlineData("47", Unit.Branches, "47支部")]
    public void Value_KeepsPublishedDigitsAndUnit(string value, Unit unit, string expected)
    {
        Assert.Equal(expected, KpiFormat.Value(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit));
    }

    [Theory]
    [InlineData("7.1", Unit.Percent, "7.1ポイント")]
    [InlineData("31", Unit.Offices, "31事業所")]
    public void Difference_IsInPointsForPercent(string value, Unit unit, string expected)
    {
        Assert.Equal(expected, KpiFormat.Difference(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit));
    }
}
