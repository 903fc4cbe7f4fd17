using System.Globalization;
using System.Text.RegularExpressions;

namespace KenpoBot.Corpus.Import;

/// <summary>
/// Reads a results table printed as 「協会全体 青森支部 …」 / 「KPI 結果 KPI 結果 …」 and then, per KPI, its wording followed by one
/// line of a target and a result for each scope (003's FY2023 table). Each row gives a KPI per scope and its result; a row whose
/// cells do not line up with the scopes is left as text and listed.
/// </summary>
public static partial class ResultsTableReader
{
    private const int MeasureColumn = 15;

    [GeneratedRegex(@"^(?<number>\d[\d,]*(?:\.\d+)?)(?<unit>%|円|事業所|支部)?$")]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"令和\d+年度KPI及び結果")]
    private static partial Regex TableTitle();

    private sealed record Cell(string Text, decimal? Number, string Unit);

    public static (List<DraftKpi> Kpis, List<DraftResult> Results) Read(
        IReadOnlyList<DraftSection> sections, ImportOptions options, MetricCatalog metrics, ImportReport report)
    {
        var kpis = new List<DraftKpi>();
        var results = new List<DraftResult>();
        var year = sections.SelectMany(s => s.Body.Select(l => l.Text).Prepend(s.Heading)).Where(t => TableTitle().IsMatch(t))
            .SelectMany(JapaneseYears.Find).Select(y => (int?)y.FiscalYear).FirstOrDefault();
        if (year is null) return (kpis, results);

        List<Scope>? scopes = null;
        var pairs = false;
        var pending = new List<SourceLine>();
        string? wrapped = null;
        var area = "";
        foreach (var section in sections)
        {
            area = HeadingRecognizer.AreaOf(section.Heading) ?? area;
            foreach (var line in section.Body)
            {
                var tokens = line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length >= 2 && tokens.All(t => Scope.TryParse(t, out _)))
                {
                    scopes = tokens.Select(Scope.Parse).ToList();
                    pairs = false;
                    pending.Clear();
                    continue;
                }
                if (scopes is null) continue;
                if (tokens.Length == 2 * scopes.Count && tokens.Select((t, i) => t == (i % 2 == 0 ? "KPI" : "結果")).All(ok => ok))
                {
                    pairs = true;
                    continue;
                }
                if (!pairs || tokens.Length == 0 || tokens.All(t => t == "事業所")) continue;
                // A row printed wider than the page goes on in the next line (「… 100%」 / 「100%」), as a PDF shows it.
                if (wrapped is { } first && tokens.All(IsValue))
                {
                    tokens = [.. first.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. tokens];
                    wrapped = null;
                }
                var values = tokens.Reverse().TakeWhile(IsValue).Count();
                if (values == 0)
                {
                    pending.Add(line);
                    continue;
                }
                if (values < 2 * scopes.Count && wrapped is null && tokens.Length > values)
                {
                    wrapped = line.Text;
                    continue;
                }
                wrapped = null;
                if (values != 2 * scopes.Count)
                {
                    foreach (var p in pending.Append(line)) report.AddUnplaced(p.Number, "結果表の行を読めません（本文に残しました）: " + p.Text);
                    pending.Clear();
                    continue;
                }
                if (tokens.Length > values) pending.Add(line with { Text = string.Join(' ', tokens[..^values]) });
                AddRow(pending, tokens[^values..], scopes, year.Value, section, area, options, metrics, kpis, results, report);
                pending.Clear();
            }
        }
        return (kpis, results);
    }

    private static bool IsValue(string token) => NumberCell().IsMatch(token) || token is "実施" or "未実施";

    private static void AddRow(List<SourceLine> pending, string[] cells, List<Scope> scopes, int year, DraftSection section, string area,
        ImportOptions options, MetricCatalog metrics, List<DraftKpi> kpis, List<DraftResult> results, ImportReport report)
    {
        var (measure, wording) = SplitMeasure(pending);
        var line = pending.Count > 0 ? pending[0].Number : 0;
        if (wording.Length == 0) return;
        var parsed = KpiLineParser.Parse(wording);
        var (metric, metricName) = KpiExtractor.MetricOf(wording, $"{options.Id}-fy{year}-kpi-{kpis.Count + 1}", metrics, report, line);
        for (var s = 0; s < scopes.Count; s++)
        {
            var target = ParseCell(cells[2 * s]);
            var result = ParseCell(cells[2 * s + 1]);
            var kind = target.Text == "実施" ? TargetKind.Done : parsed.Kind;
            var unit = kind == TargetKind.Done ? Unit.None
                : UnitText.TryParse(target.Unit, out var printed) && printed != Unit.None ? printed : parsed.Unit;
            var value = kind is TargetKind.AbsoluteHigher or TargetKind.AbsoluteLower or TargetKind.Branches ? target.Number : null;
            var previous = kind is TargetKind.PreviousHigher or TargetKind.PreviousLower ? target.Number : null;
            var slug = scopes[s].IsAssociation ? "all" : (Scope.Branches.Select(b => b.Name).ToList().IndexOf(scopes[s].Name) + 1).ToString("00", CultureInfo.InvariantCulture);
            var id = metric.StartsWith(options.Id + "-", StringComparison.Ordinal) ? $"{metric}-{slug}" : $"{options.Id}-fy{year}-{slug}-{metric}";
            for (var n = 2; kpis.Any(k => k.Id == id); n++) id = $"{options.Id}-fy{year}-{slug}-{metric}-{n}";
            kpis.Add(new DraftKpi(id, metric, metricName, scopes[s].Name, new FiscalYearRange(year, year), section.Anchor, area.Length > 0 ? area : "戦略",
                measure.Length > 0 ? measure : metricName, wording, parsed with { Kind = kind, Value = value, Unit = unit }, "", null, false, "", line));
            results.Add(new DraftResult(id, year, result.Number, result.Text, previous, section.Anchor, line));
        }
    }

    private static Cell ParseCell(string text)
    {
        var m = NumberCell().Match(text);
        return m.Success
            ? new Cell(text, decimal.Parse(m.Groups["number"].Value.Replace(",", ""), CultureInfo.InvariantCulture), m.Groups["unit"].Value)
            : new Cell(text, null, "");
    }

    /// <summary>
    /// The measure is printed in a narrow first column (「効果的なレセプト点検の推進」), the wording in a wide one beside it; the
    /// extraction puts the measure's short lines first, or the measure and the wording on one line separated by a space.
    /// </summary>
    private static (string Measure, string Wording) SplitMeasure(List<SourceLine> pending)
    {
        var texts = pending.Select(p => p.Text).ToList();
        if (texts.Count > 0 && texts[0].IndexOf(' ') is var space and > 0 && space <= MeasureColumn)
            texts = [texts[0][..space], texts[0][(space + 1)..], .. texts.Skip(1)];
        // 「被保険者の」 before a wide line starts the wording; 「特定保健指導の実施率及び質の」 before 「向上」 is still the measure.
        var measureLines = texts.TakeWhile((t, i) => i < texts.Count - 1 && t.Length <= MeasureColumn
            && !(t.EndsWith('の') && texts[i + 1].Length > MeasureColumn)
            && KpiLineParser.Parse(t).Guessed is not null && !LineCleaner.StartsItsOwn(t)).Count();
        return (string.Concat(texts.Take(measureLines)), string.Concat(texts.Skip(measureLines)).TrimStart('①', '②', '③', '④', '⑤'));
    }
}
