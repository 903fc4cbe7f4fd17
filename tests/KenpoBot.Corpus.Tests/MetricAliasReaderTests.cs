namespace KenpoBot.Corpus.Tests;

/// <summary>kpi/metric-aliases.tsv rows are read NFKC-normalised; a broken row is reported with its file, line and reason.</summary>
public sealed class MetricAliasReaderTests
{
    private const string RelativePath = "kpi/metric-aliases.tsv";

    /// <summary>Reads a file of a comment, the header and <paramref name="rows"/>; the first row is on line 3.</summary>
    private static (List<MetricAlias> Aliases, List<CorpusError> Errors) Read(params string[] rows)
    {
        var path = Path.Combine(Path.GetTempPath(), "kenpobot-aliases-" + Guid.NewGuid().ToString("N") + ".tsv");
        File.WriteAllLines(path, ["# 指標の別名", "metric\talias\tsource", .. rows]);
        var errors = new List<CorpusError>();
        var aliases = MetricAliasReader.Read(path, RelativePath, errors).ToList();
        File.Delete(path);
        return (aliases, errors);
    }

    [Fact]
    public void Read_ValidRows_KeepsMetricAliasSourceAndLine()
    {
        var (aliases, errors) = Read(
            "employer-checkup-data-rate\t健診データ取得率\t003_b3fb34fea5d2bbcb.txt:373",
            "",
            "# 略語",
            "judo-multi-frequent\t柔整\tstaff");
        Assert.Empty(errors);
        Assert.Equal(
            [
                new MetricAlias("employer-checkup-data-rate", "健診データ取得率", "003_b3fb34fea5d2bbcb.txt:373", new SourceLocation(RelativePath, 3)),
                new MetricAlias("judo-multi-frequent", "柔整", "staff", new SourceLocation(RelativePath, 6)),
            ],
            aliases);
    }

    [Fact]
    public void Read_FullWidthAlias_IsStoredNfkcNormalised()
    {
        var (aliases, errors) = Read("sns-posting\tＬＩＮＥ公式アカウント\tstaff", "website-access\tＨＰｱｸｾｽ\tstaff");
        Assert.Empty(errors);
        Assert.Equal(["LINE公式アカウント", "HPアクセス"], aliases.Select(a => a.Alias));
    }

    [Theory]
    [InlineData("generic-drug-share\t\tstaff", "「alias」が空です")]
    [InlineData("\tGE\tstaff", "「metric」が空です")]
    [InlineData("generic-drug-share\tジェネリック医薬品使用割合を年度末時点で対前年度以上とする全支部の目標とその考え方\tstaff", "41 文字あります（40 文字まで）")]
    [InlineData("generic-drug-share\tGE\tスタッフ", "source「スタッフ」は staff か")]
    [InlineData("generic-drug-share\tGE\t003_b3fb34fea5d2bbcb.txt", "source「003_b3fb34fea5d2bbcb.txt」は staff か")]
    [InlineData("generic-drug-share\tGE\t003_b3fb34fea5d2bbcb.txt:0", "source「003_b3fb34fea5d2bbcb.txt:0」は staff か")]
    [InlineData("generic-drug-share\tGE\tap6#kpi-list", "source「ap6#kpi-list」は staff か")]
    [InlineData("generic-drug-share\tGE", "列数が 3 ではなく 2 です")]
    [InlineData("generic-drug-share\tGE\tstaff\t略語", "列数が 3 ではなく 4 です")]
    public void Read_BrokenRow_IsRejectedAtItsLineWithTheReason(string row, string reason)
    {
        var (aliases, errors) = Read("judo-multi-frequent\t柔整\tstaff", row);
        var error = Assert.Single(errors);
        Assert.Equal((RelativePath, 4), (error.File, error.Line));
        Assert.Contains(reason, error.Reason);
        Assert.Single(aliases);
    }

    [Fact]
    public void Read_SamePairTwice_IsRejectedAtTheSecondLineEvenWhenWrittenFullWidth()
    {
        var (aliases, errors) = Read("generic-drug-share\tGE\tstaff", "generic-drug-share\tＧＥ\tstaff");
        var error = Assert.Single(errors);
        Assert.Equal((RelativePath, 4), (error.File, error.Line));
        Assert.Contains("alias「GE」が重複しています（最初は kpi/metric-aliases.tsv:3）", error.Reason);
        Assert.Single(aliases);
    }

    [Fact]
    public void Read_SameAliasForTwoMetrics_IsAccepted()
    {
        var (aliases, errors) = Read(
            "insured-guidance-rate\t特定保健指導実施率\t003_b3fb34fea5d2bbcb.txt:412",
            "dependent-guidance-rate\t特定保健指導実施率\t003_b3fb34fea5d2bbcb.txt:413");
        Assert.Empty(errors);
        Assert.Equal(2, aliases.Count);
    }

    [Theory]
    [InlineData("003_b3fb34fea5d2bbcb.txt:942", "003_b3fb34fea5d2bbcb.txt")]
    [InlineData("staff", null)]
    [InlineData("003_b3fb34fea5d2bbcb.txt", null)]
    public void SeedFileOf_ReturnsTheFileOfASeedReferenceOnly(string source, string? file) => Assert.Equal(file, MetricAliasReader.SeedFileOf(source));
}
