using System.Text.RegularExpressions;

namespace KenpoBot.Corpus.Import;

/// <summary>Finds the KPIs of a draft: the ■KPI lines under each measure and the rows of tab-separated KPI tables.</summary>
public static partial class KpiExtractor
{
    /// <summary>One KPI as printed, before its target is read.</summary>
    private sealed record Found(string Wording, string Note, string Baseline, DraftSection Section, string Area, string Measure, int Line);

    [GeneratedRegex(@"^■\s*KPI\s*:\s*(?<rest>.*)$")]
    private static partial Regex KpiLine();

    [GeneratedRegex(@"(?:^|\s)\d{1,2}\)\s*")]
    private static partial Regex NumberedItem();

    /// <summary>A note printed after the wording: 「 (※) 査定率 = …」「 ※1：医科…」.</summary>
    [GeneratedRegex(@"\s+(?=\(※|※)")]
    private static partial Regex NoteStart();

    public static List<DraftKpi> Extract(IReadOnlyList<DraftSection> sections, ImportOptions options, MetricCatalog metrics, ImportReport report)
    {
        var found = new List<Found>();
        var area = "";
        DraftSection? measureSection = null;
        foreach (var section in sections)
        {
            area = HeadingRecognizer.AreaOf(section.Heading) ?? area;
            // A ■KPI line after 「ⅲ)…」 still belongs to the measure 「② …」 the sub-headings divide.
            if (section.Marker is HeadingMarker.Item or HeadingMarker.Measure) measureSection = section;
            else if (section.Marker is not (HeadingMarker.SubMeasure or HeadingMarker.Mark)) measureSection = null;
            var owner = measureSection ?? section;
            FindKpiLines(section, owner, area, HeadingRecognizer.StripNumbering(owner.Heading), found, report);
            FindKpiTable(section, area, found, report);
        }
        var rows = new List<DraftKpi>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kpi in found.DistinctBy(f => ImportText.Key(f.Wording)))
        {
            rows.Add(ToRow(kpi, options, metrics, ids, rows.Count + 1, report));
        }
        report.KpiRows = rows.Count;
        return rows;
    }

    private static void FindKpiLines(DraftSection section, DraftSection owner, string area, string measure, List<Found> found, ImportReport report)
    {
        var body = section.Body;
        for (var i = 0; i < body.Count; i++)
        {
            var m = KpiLine().Match(body[i].Text);
            if (!m.Success) continue;
            var kpiLine = body[i].Number;
            var items = new List<(string Text, string Note, int Line)>();
            foreach (var item in SplitItems(m.Groups["rest"].Value)) items.Add((item, "", kpiLine));
            // The items and notes that follow: 「2)…」, 「(※)…」, blank lines between them.
            for (i++; i < body.Count; i++)
            {
                var text = body[i].Text;
                if (text.Length == 0) continue;
                if (NumberedItem().Match(text) is { Success: true, Index: 0 }) items.AddRange(SplitItems(text).Select(t => (t, "", body[i].Number)));
                else if (text.StartsWith("(※", StringComparison.Ordinal) || text.StartsWith('※'))
                {
                    if (items.Count > 0) items[^1] = items[^1] with { Note = (items[^1].Note + " " + text).Trim() };
                }
                else { i--; break; }
            }
            if (items.Count == 0) report.AddUnplaced(kpiLine, "■KPI の行に KPI が読めません: " + m.Value);
            found.AddRange(items.Select(item => new Found(item.Text, item.Note, "", owner, area, measure, item.Line)));
        }
    }

    /// <summary>A tab-separated KPI table (「具体的施策⇥KPI⇥参考：令和4年度末」): each 「1) … 2) …」 cell gives one row per item.</summary>
    private static void FindKpiTable(DraftSection section, string area, List<Found> found, ImportReport report)
    {
        int kpiColumn = -1, baselineColumn = -1;
        foreach (var line in section.Body)
        {
            var cells = line.Text.Split('\t', StringSplitOptions.TrimEntries);
            if (cells.Length < 2) continue;
            if (Array.IndexOf(cells, "KPI") is var header and >= 0)
            {
                kpiColumn = header;
                baselineColumn = Array.FindIndex(cells, c => c.StartsWith("参考", StringComparison.Ordinal));
                continue;
            }
            if (kpiColumn < 0 || kpiColumn >= cells.Length)
            {
                report.AddUnplaced(line.Number, "KPI の列が分からない表の行: " + line.Text.Replace('\t', ' '));
                continue;
            }
            var measure = MeasureOfCell(cells[0]);
            var baselines = baselineColumn >= 0 && baselineColumn < cells.Length ? SplitItems(cells[baselineColumn]) : [];
            var items = SplitItems(cells[kpiColumn]);
            for (var k = 0; k < items.Count; k++)
            {
                var baseline = baselines.Count == items.Count ? baselines[k] : baselines.Count == 1 && items.Count == 1 ? baselines[0] : "";
                found.Add(new Found(items[k], "", baseline, section, area, measure, line.Number));
            }
        }
    }

    /// <summary>「II) 健康づくり ② 特定健診実施率…の向上」 → the measure after the last numbering mark.</summary>
    private static string MeasureOfCell(string cell)
    {
        var circled = cell.LastIndexOfAny("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮".ToCharArray());
        return HeadingRecognizer.StripNumbering(circled >= 0 ? cell[circled..] : cell);
    }

    private static List<string> SplitItems(string text) =>
        NumberedItem().Split(text).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();

    private static DraftKpi ToRow(Found kpi, ImportOptions options, MetricCatalog metrics, HashSet<string> ids, int ordinal, ImportReport report)
    {
        var parts = NoteStart().Split(kpi.Wording, 2);
        var wording = parts[0].Trim();
        var note = string.Join(" ", new[] { parts.Length > 1 ? parts[1].Trim() : "", kpi.Note }.Where(n => n.Length > 0));
        var reference = wording.StartsWith("(参考)", StringComparison.Ordinal);
        var target = KpiLineParser.Parse(wording);
        if (target.Guessed is { } guess) report.AddGuessed(kpi.Line, $"{guess}:「{wording}」");

        var (metric, metricName) = MetricOf(wording, $"{options.Id}-kpi-{ordinal}", metrics, report, kpi.Line);
        var area = kpi.Area;
        if (area.Length == 0)
        {
            area = "戦略";
            report.AddGuessed(kpi.Line, $"柱が見出しにないため area を 戦略 と推定:「{wording}」");
        }
        var stem = metric.StartsWith(options.Id + "-", StringComparison.Ordinal) ? metric : $"{options.Id}-{metric}";
        var id = stem;
        for (var n = 2; !ids.Add(id); n++) id = $"{stem}-{n}";
        var baselineYear = kpi.Baseline.Length > 0 ? BaselineYear(kpi.Section) : null;
        return new DraftKpi(id, metric, metricName, options.Scope, options.Years, kpi.Section.Anchor, area, kpi.Measure, wording, target,
            baselineYear is null ? "" : kpi.Baseline, baselineYear, reference, note, kpi.Line);
    }

    /// <summary>The metric the corpus knows by a name in the wording, or a new one named after the wording's subject.</summary>
    internal static (string Metric, string MetricName) MetricOf(string wording, string newMetric, MetricCatalog metrics, ImportReport report, int line)
    {
        if (metrics.Match(wording) is { } known)
        {
            if (known.Ambiguous) report.AddGuessed(line, $"metric を {known.Metric}（{known.MetricName}）と推定:「{wording}」");
            return (known.Metric, known.MetricName);
        }
        var name = SubjectOf(wording);
        report.AddGuessed(line, $"既知の metric がないため {newMetric}（{name}）としました:「{wording}」");
        return (newMetric, name);
    }

    /// <summary>The year of the 「参考：令和4年度末」 column the baselines come from.</summary>
    private static int? BaselineYear(DraftSection section)
    {
        var header = section.Body.FirstOrDefault(l => l.Text.Contains("参考", StringComparison.Ordinal) && l.Text.Contains('\t'));
        return header is null ? null : JapaneseYears.Find(header.Text).Select(y => (int?)y.FiscalYear).FirstOrDefault();
    }

    /// <summary>「生活習慣病予防健診実施率を57.6%以上とする」 → 「生活習慣病予防健診実施率」.</summary>
    private static string SubjectOf(string wording)
    {
        var end = wording.IndexOfAny(['を', 'に']);
        var subject = (end > 0 ? wording[..end] : wording).Replace("(※)", "").Trim();
        return subject.Length > 40 ? subject[..40] : subject;
    }
}
