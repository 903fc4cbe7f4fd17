using System.Text.Json;

namespace KenpoBot.Host.Tests;

[Collection("host process")]
public sealed class CommandLineTests
{
    [Fact]
    public async Task CorpusCheck_OnTheRepoCorpus_SaysItIsValid()
    {
        var output = await KenpoProcess.RunAsync(null, "corpus", "check");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("コーパスは正常です", output.StdOut);
    }

    [Fact]
    public async Task CorpusCheck_OnABrokenCopy_ListsFileAndLineAndFails()
    {
        var copy = Path.Combine(Path.GetTempPath(), "kenpobot-broken-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(KenpoProcess.Root, "corpus"), "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(copy, Path.GetRelativePath(Path.Combine(KenpoProcess.Root, "corpus"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        var results = Path.Combine(copy, "kpi", "report-2020.results.tsv");
        var lines = File.ReadAllLines(results);
        var index = Array.FindIndex(lines, l => l.StartsWith("fy2020-generic-drug-share\t", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\t79.2\t", "\t七十九\t");
        File.WriteAllLines(results, lines);

        var output = await KenpoProcess.RunAsync(null, "corpus", "check", "--path", copy);

        Assert.Equal(3, output.ExitCode);
        Assert.Contains($"kpi/report-2020.results.tsv:{index + 1}: actual「七十九」", output.StdErr);
    }

    [Fact]
    public async Task Kpi_Akita2023Json_CountsTheStatusesOfTheFy2023Table()
    {
        // From 003's FY2023 table for 秋田 (KPI, result): 12 met, 郵送化率 96.0→92.2 (96.0%) mostly met,
        // 保険証回収率 95.42→92.09 (vs previous year), 事業者健診 22.2→19.7, 被扶養者特定健診 36.4→28.3,
        // 被保険者保健指導 37.6→31.4, 被扶養者保健指導 32.7→13.1, 受診勧奨 13.1→11.4 not met.
        var output = await KenpoProcess.RunAsync(null, "kpi", "--scope", "あきた", "--year", "令和５年度", "--json");
        Assert.Equal(0, output.ExitCode);
        using var json = JsonDocument.Parse(output.StdOut);
        var counts = json.RootElement.GetProperty("counts");
        Assert.Equal(12, counts.GetProperty("達成").GetInt32());
        Assert.Equal(1, counts.GetProperty("概ね達成").GetInt32());
        Assert.Equal(6, counts.GetProperty("未達成").GetInt32());
        Assert.Equal(0, counts.GetProperty("評価不能").GetInt32());
        var employer = json.RootElement.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpiId").GetString()!.EndsWith("employer-checkup-data-rate"));
        Assert.Equal(19.7m, employer.GetProperty("actual").GetDecimal());
        Assert.Equal("未達成", employer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Kpi_Table_IsAlignedWithTheRuleOfEachRow()
    {
        var output = await KenpoProcess.RunAsync(null, "kpi", "--scope", "協会全体", "--year", "2020");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("達成 6 / 概ね達成 5 / 未達成 10", output.StdOut);
        Assert.Contains("92.41%", output.StdOut);
    }

    [Fact]
    public async Task Kpi_Comparison_ShowsEachScope()
    {
        var output = await KenpoProcess.RunAsync(null, "kpi", "--scope", "秋田", "岩手", "--year", "2023", "--metric", "employer-checkup-data-rate", "--json");
        Assert.Equal(0, output.ExitCode);
        using var json = JsonDocument.Parse(output.StdOut);
        var rows = json.RootElement.GetProperty("kpis").EnumerateArray().ToList();
        Assert.Equal(["秋田支部", "岩手支部"], rows.Select(r => r.GetProperty("scope").GetString()));
        // 岩手 FY2023: target 18.6%, result 11.6%.
        Assert.Equal(11.6m, rows[1].GetProperty("actual").GetDecimal());
    }

    [Fact]
    public async Task Kpi_WhatIf_JudgesTheSupposedValue()
    {
        // 秋田 FY2023 事業者健診データ取得率 target 22.2%: 21.1 is 95.0% of it → 概ね達成.
        var output = await KenpoProcess.RunAsync(null, "kpi", "--scope", "秋田", "--year", "2023", "--metric", "employer-checkup-data-rate", "--actual", "21.1", "--json");
        Assert.Equal(0, output.ExitCode);
        using var json = JsonDocument.Parse(output.StdOut);
        Assert.Equal("概ね達成", json.RootElement.GetProperty("kpis")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("火星", "2023", "「火星」は協会全体または47支部のいずれでもありません。")]
    [InlineData("秋田", "去年の冬", "年度「去年の冬」を読み取れません。")]
    public async Task Kpi_BadInput_GetsAJapaneseMessageAndExitCode2(string scope, string year, string message)
    {
        var output = await KenpoProcess.RunAsync(null, "kpi", "--scope", scope, "--year", year);
        Assert.Equal(2, output.ExitCode);
        Assert.Contains(message, output.StdErr);
    }

    [Fact]
    public async Task Kpi_BranchWithoutData_SaysSo()
    {
        var output = await KenpoProcess.RunAsync(null, "kpi", "--scope", "沖縄", "--year", "2023");
        Assert.Equal(0, output.ExitCode);
        Assert.Contains("沖縄支部の令和5年度（2023年度）の KPI はコーパスにありません。", output.StdErr);
    }

    [Fact]
    public async Task Package_WithoutGuid_IsRefused()
    {
        var output = await KenpoProcess.RunAsync(null, "package", "--app-id", "not-a-guid", "--output", Path.Combine(Path.GetTempPath(), "x.zip"));
        Assert.Equal(2, output.ExitCode);
        Assert.Contains("GUID", output.StdErr);
    }

    [Fact]
    public async Task Package_ZipsManifestWithTheBotId()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), "kenpobot-" + Guid.NewGuid().ToString("N") + ".zip");
        var output = await KenpoProcess.RunAsync(null, "package", "--app-id", "11111111-2222-3333-4444-555555555555", "--output", zipPath);
        Assert.Equal(0, output.ExitCode);
        using var zip = System.IO.Compression.ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        Assert.Equal("11111111-2222-3333-4444-555555555555", manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.NotEmpty(manifest.RootElement.GetProperty("bots")[0].GetProperty("commandLists")[0].GetProperty("commands").EnumerateArray());
    }
}
