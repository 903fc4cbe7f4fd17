using System.Globalization;
using System.Text.RegularExpressions;
using KenpoBot.Corpus;

namespace KenpoBot.Kpi.Tests;

/// <summary>Builds definitions and results by hand, and finds the repository's folders.</summary>
internal static partial class TestData
{
    public static KpiDefinition Define(
        TargetKind kind,
        decimal? target,
        Unit unit = Unit.Percent,
        SpecialRule rule = SpecialRule.None,
        int? smallTenderLimit = null,
        long? population = null,
        string id = "test-kpi",
        string metric = "test-metric",
        string scope = Scope.AssociationName,
        string years = "2023",
        string wording = "テスト用の KPI",
        bool reference = false) =>
        new(id, metric, "テスト指標", "test-doc", "kpi", FiscalYearRange.TryParse(years, out var y) ? y : throw new ArgumentException(years),
            Scope.Parse(scope), KpiArea.Foundational, "テスト施策", wording, new KpiTarget(kind, target, unit, rule, smallTenderLimit),
            population, reference, "", new SourceLocation("kpi/test.kpis.tsv", 2));

    public static KpiResult Result(
        decimal? actual,
        string? text = null,
        decimal? previous = null,
        string extra = "",
        string kpiId = "test-kpi",
        int fiscalYear = 2023,
        Unit unit = Unit.Percent) =>
        new(kpiId, fiscalYear, actual, text ?? (actual is { } a ? KpiFormat.Value(a, unit) : "―"), previous, Extra(extra),
            "test-doc", "kpi", "", new SourceLocation("kpi/test.results.tsv", 2));

    /// <summary>"tenders=5;single-bids=1".</summary>
    public static IReadOnlyDictionary<string, decimal> Extra(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => decimal.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>"0.362%" → (0.362, %), "47支部" → (47, 支部), "7,125円" → (7125, 円).</summary>
    public static (decimal Value, Unit Unit) Quantity(string text)
    {
        var match = QuantityPattern().Match(text.Trim());
        if (!match.Success || !UnitText.TryParse(match.Groups[2].Value, out var unit))
            throw new FormatException($"「{text}」は数値と単位ではありません。");
        return (decimal.Parse(match.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture), unit);
    }

    /// <summary>The folder that holds KenpoBot.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string CorpusFolder => Path.Combine(RepositoryRoot, "corpus");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KenpoBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"{AppContext.BaseDirectory} の上に KenpoBot.sln が見つかりません。");
    }

    [GeneratedRegex(@"^([0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*)$")]
    private static partial Regex QuantityPattern();
}
