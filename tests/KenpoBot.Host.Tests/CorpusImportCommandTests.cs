using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace KenpoBot.Host.Tests;

/// <summary>`corpus import` and `corpus compare` run as a curator runs them, on a copy of the corpus in a temp folder.</summary>
public sealed partial class CorpusImportCommandTests : IDisposable
{
    private static readonly string AkitaSeed = Path.Combine(KenpoProcess.Root, "..", "shared", "seeds", "003_b3fb34fea5d2bbcb.txt");
    private readonly string _work = Path.Combine(Path.GetTempPath(), "kenpobot-import-" + Guid.NewGuid().ToString("N"));
    private readonly string _corpus;

    public CorpusImportCommandTests()
    {
        _corpus = Path.Combine(_work, "corpus");
        var source = Path.Combine(KenpoProcess.Root, "corpus");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_corpus, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string[] AkitaOptions(string id, string years = "2025", string title = "秋田支部 令和7年度事業計画") =>
        ["--id", id, "--kind", "branch-plan", "--scope", "秋田", "--years", years, "--plan", "AP6", "--title", title];

    [Fact]
    public async Task Import_ThenIndex_AskAnswersTheImportedKpiTarget()
    {
        // Next year's plan as a curator would receive it: the Akita text with FY2026 (令和8年度) and a new target.
        var plan = Path.Combine(_work, "akita-2026.txt");
        File.WriteAllText(plan, File.ReadAllText(AkitaSeed).Replace("21.2％", "23.4％").Replace("令和７年度", "令和８年度"));
        var environment = new Dictionary<string, string>
        {
            ["KenpoBot__CorpusPath"] = _corpus,
            ["KenpoBot__IndexPath"] = Path.Combine(_work, "index"),
        };

        var import = await KenpoProcess.RunWithEnvironmentAsync(environment, null, ["corpus", "import", plan, .. AkitaOptions("akita-2026", "2026", "秋田支部 令和8年度事業計画")]);
        Assert.True(import.ExitCode == 0, import.StdErr + import.StdOut);
        Assert.Contains("documents/akita-2026.md", import.StdOut);
        var index = await KenpoProcess.RunWithEnvironmentAsync(environment, null, "index");
        Assert.True(index.ExitCode == 0, index.StdErr);

        var ask = await KenpoProcess.RunWithEnvironmentAsync(environment, null, "ask", "秋田支部の令和8年度の事業者健診データ取得率の目標は？");

        Assert.Equal(0, ask.ExitCode);
        Assert.Contains("23.4%", ask.StdOut);
        Assert.Contains("秋田支部 令和8年度事業計画", ask.StdOut);
    }

    [Fact]
    public async Task Import_ExistingIdWithoutReplace_ExitsNonZeroAndWritesNothing()
    {
        var before = File.ReadAllText(Path.Combine(_corpus, "documents", "akita-2025.md"));
        var report = Path.Combine(_work, "report.txt");

        var run = await KenpoProcess.RunAsync(null, ["corpus", "import", AkitaSeed, .. AkitaOptions("akita-2025"), "--output", _corpus, "--report", report]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("documents/akita-2025.md", run.StdErr);
        Assert.Contains("--replace", run.StdErr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_corpus, "documents", "akita-2025.md")));
        // The report names the source line of each guess: 003:176 is 「■ KPI：１）サービススタンダードの達成状況を100％とする」 (no 以上).
        Assert.Contains("003_b3fb34fea5d2bbcb.txt:176: 「以上」「以下」がないため", File.ReadAllText(report));
    }

    [Fact]
    public async Task Import_ReplaceThatFailsTheCheck_PrintsFileAndLineErrorsAndLeavesTheCorpus()
    {
        var before = File.ReadAllText(Path.Combine(_corpus, "kpi", "akita-2025.kpis.tsv"));

        var run = await KenpoProcess.RunAsync(null, ["corpus", "import", AkitaSeed, .. AkitaOptions("akita-2025"), "--output", _corpus, "--replace"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"glossary/glossary\.tsv:\d+: ", run.StdErr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_corpus, "kpi", "akita-2025.kpis.tsv")));
    }

    [Fact]
    public async Task Compare_AkitaSeed_MeetsTheFigures()
    {
        var run = await KenpoProcess.RunAsync(null, ["corpus", "compare", AkitaSeed, .. AkitaOptions("akita-2025"), "--path", _corpus]);

        Assert.Equal(0, run.ExitCode);
        var (headings, kpis) = Figures(run.StdOut);
        Assert.True(kpis >= 0.95, run.StdOut);
        Assert.True(headings >= 0.90, run.StdOut);
    }

    [Fact]
    public async Task Compare_AkitaPrintedToPdfByChromium_ReachesTheFiguresWithinAFewPoints()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} がありません。PDF の取り込みテストには Chromium と fonts-noto-cjk が要ります: bash .ci/prerequisites --tests");
        var page = Path.Combine(_work, "akita.html");
        var pdf = Path.Combine(_work, "akita.pdf");
        var paragraphs = File.ReadAllLines(AkitaSeed).Select(l => $"<p>{(l.Length == 0 ? "&nbsp;" : WebUtility.HtmlEncode(l))}</p>");
        File.WriteAllText(page, "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><style>body{font-family:\"Noto Sans CJK JP\",sans-serif;font-size:9pt}" +
            "p{margin:0;white-space:pre-wrap}</style><body>" + string.Join("\n", paragraphs) + "</body></html>");
        var print = Process.Start(new ProcessStartInfo(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", page])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        await print.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        Assert.True(File.Exists(pdf), "Chromium が PDF を書きませんでした: " + await print.StandardError.ReadToEndAsync());

        var run = await KenpoProcess.RunAsync(null, ["corpus", "compare", pdf, .. AkitaOptions("akita-2025"), "--path", _corpus]);

        Assert.Equal(0, run.ExitCode);
        var (headings, kpis) = Figures(run.StdOut);
        Assert.True(kpis >= 0.90, run.StdOut);
        Assert.True(headings >= 0.85, run.StdOut);
    }

    [GeneratedRegex(@"見出し: (\d+)/(\d+) がレベルも一致")]
    private static partial Regex HeadingFigure();

    [GeneratedRegex(@"KPI: (\d+)/(\d+) が文言")]
    private static partial Regex KpiFigure();

    private static (double Headings, double Kpis) Figures(string output)
    {
        static double Share(Match m) => double.Parse(m.Groups[1].Value) / double.Parse(m.Groups[2].Value);
        var headings = HeadingFigure().Match(output);
        var kpis = KpiFigure().Match(output);
        Assert.True(headings.Success && kpis.Success, output);
        return (Share(headings), Share(kpis));
    }
}
