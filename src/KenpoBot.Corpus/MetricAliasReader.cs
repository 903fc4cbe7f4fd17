using System.Text.RegularExpressions;

namespace KenpoBot.Corpus;

/// <summary>Reads kpi/metric-aliases.tsv. Whether each metric and seed file exists is checked by <see cref="CorpusLoader"/>.</summary>
public static partial class MetricAliasReader
{
    public static readonly string[] Columns = ["metric", "alias", "source"];

    public const int MaxAliasLength = 40;

    /// <summary>The source of an everyday abbreviation staff use, found in no document.</summary>
    public const string StaffSource = "staff";

    /// <summary>A seed file and a 1-based line: 003_b3fb34fea5d2bbcb.txt:942.</summary>
    [GeneratedRegex(@"^(?<file>[0-9A-Za-z_.-]+\.txt):[1-9][0-9]*$")]
    private static partial Regex SeedReferencePattern();

    public static IEnumerable<MetricAlias> Read(string path, string relativePath, List<CorpusError> errors)
    {
        var seen = new Dictionary<(string Metric, string Alias), SourceLocation>();
        foreach (var row in TsvTable.Read(path, relativePath, Columns, errors))
        {
            var before = errors.Count;
            void Fail(string reason) => errors.Add(new CorpusError(relativePath, row.Line, reason));

            var metric = row["metric"];
            if (metric.Length == 0) Fail("「metric」が空です。");
            var alias = JapaneseYears.Normalize(row["alias"]);
            if (alias.Length == 0) Fail("「alias」が空です。");
            else if (alias.Length > MaxAliasLength) Fail($"alias「{alias}」が {alias.Length} 文字あります（{MaxAliasLength} 文字まで）。");
            var source = row["source"];
            if (source != StaffSource && SeedFileOf(source) is null)
                Fail($"source「{source}」は staff か「<seed ファイル>.txt:<行>」（例 003_b3fb34fea5d2bbcb.txt:942）の形です。");
            if (errors.Count > before) continue;

            var at = new SourceLocation(relativePath, row.Line);
            if (!seen.TryAdd((metric, alias), at))
            {
                Fail($"metric「{metric}」の alias「{alias}」が重複しています（最初は {seen[(metric, alias)]}）。");
                continue;
            }
            yield return new MetricAlias(metric, alias, source, at);
        }
    }

    /// <summary>The seed file of a "file.txt:line" source; null for staff or a malformed source.</summary>
    public static string? SeedFileOf(string source) =>
        SeedReferencePattern().Match(source) is { Success: true } m ? m.Groups["file"].Value : null;
}
