using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using Spectre.Console;

namespace KenpoBot.Cli;

/// <summary>`kpi --scope 秋田 --year 2023`: the KPI status of a scope and year as an aligned table, or JSON.</summary>
public static class KpiCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static Command Create()
    {
        var scopeOption = new Option<string[]>("--scope") { Description = "支部名（秋田、秋田支部、あきた）または 協会全体。--metric と一緒なら複数指定で比較", Required = true, AllowMultipleArgumentsPerToken = true };
        var yearOption = new Option<string>("--year") { Description = "年度（2023、令和5年度、R5）", Required = true };
        var metricOption = new Option<string?>("--metric") { Description = "指標のキー（employer-checkup-data-rate など）: 支部間の比較" };
        var actualOption = new Option<decimal?>("--actual") { Description = "仮定の実績値（--metric と一つの --scope が必要）: もしこの値なら" };
        var jsonOption = new Option<bool>("--json") { Description = "JSON で出力" };
        var command = new Command("kpi", "KPI の達成状況を評価して表示します") { scopeOption, yearOption, metricOption, actualOption, jsonOption };
        command.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var scopes = parse.GetValue(scopeOption)!.Select(ParseScope).ToList();
            var year = ParseYear(parse.GetValue(yearOption)!);
            var metric = parse.GetValue(metricOption);
            var actual = parse.GetValue(actualOption);
            var json = parse.GetValue(jsonOption);
            using var host = KenpoCli.CreateHost();
            var evaluator = host.Get<KpiEvaluator>();
            var knowledge = host.Get<KnowledgeBase>();

            if (metric is not null && knowledge.Kpis.All(k => k.Metric != metric))
                throw new UserInputException($"指標「{metric}」はありません。使える指標: {string.Join(", ", knowledge.Kpis.Select(k => k.Metric).Distinct().Order())}");
            if (actual is not null)
            {
                if (metric is null || scopes.Count != 1) throw new UserInputException("--actual には --metric と一つの --scope が必要です。");
                var kpi = knowledge.Kpis.FirstOrDefault(k => k.Metric == metric && k.Scope == scopes[0] && k.FiscalYears.Contains(year))
                    ?? throw new UserInputException($"{scopes[0].DisplayName}には{JapaneseYears.Describe(year)}の指標「{metric}」の KPI がありません。");
                Print($"{scopes[0].DisplayName} {JapaneseYears.Describe(year)} 仮定の評価", [evaluator.WhatIf(kpi.Id, year, actual.Value)], json);
                return Task.FromResult(0);
            }
            if (metric is not null)
            {
                var rows = evaluator.Compare(metric, year, scopes);
                Print($"{JapaneseYears.Describe(year)} {rows.Select(r => r.Evaluation?.Definition.MetricName).FirstOrDefault(n => n is not null)} の比較",
                    rows.Where(r => r.Evaluation is not null).Select(r => r.Evaluation!).ToList(), json);
                foreach (var missing in rows.Where(r => r.Evaluation is null)) Console.Error.WriteLine(missing.Note);
                return Task.FromResult(0);
            }
            foreach (var scope in scopes)
            {
                var evaluation = evaluator.EvaluateScope(scope, year);
                if (evaluation.Rows.Count == 0)
                {
                    Console.Error.WriteLine($"{scope.DisplayName}の{JapaneseYears.Describe(year)}の KPI はコーパスにありません。");
                    continue;
                }
                Print($"{scope.DisplayName} {JapaneseYears.Describe(year)} {evaluation.Summary}", evaluation.Rows, json);
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Print(string title, IReadOnlyList<KpiEvaluation> rows, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                title,
                counts = Enum.GetValues<KpiStatus>().ToDictionary(s => s.ToJapanese(), s => rows.Count(r => r.Status == s && !r.Definition.IsReference)),
                kpis = rows.Select(r => new
                {
                    kpiId = r.Definition.Id,
                    name = r.Definition.Wording,
                    scope = r.Definition.Scope.DisplayName,
                    fiscalYear = r.FiscalYear,
                    targetText = r.Definition.Wording,
                    target = r.Target,
                    actual = r.Actual,
                    actualText = r.ActualText,
                    previous = r.Previous,
                    ratio = r.AchievementDegree,
                    rule = r.Rule,
                    status = r.Status.ToJapanese(),
                    reference = r.Definition.IsReference,
                }),
            }, Json));
            return;
        }
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
        foreach (var header in new[] { "指標", "目標", "実績", "達成度", "状況" }) table.AddColumn(header);
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var row in rows)
        {
            var target = row.Target is { } t ? KpiFormat.Value(t, row.Unit) : "―";
            if (row.Definition.Target.Kind is TargetKind.PreviousHigher or TargetKind.PreviousLower && row.Target is not null) target = $"前年度 {target}";
            var name = row.Definition.MetricName + (row.Definition.IsReference ? "（参考）" : "");
            table.AddRow(Markup.Escape(name), Markup.Escape(target), Markup.Escape(row.ActualText ?? "―"),
                row.AchievementDegree is { } d ? KpiFormat.Degree(d) : "―", Markup.Escape(row.Status.ToJapanese()));
        }
        AnsiConsole.Write(table);
        foreach (var row in rows) Console.WriteLine($"・{row.Definition.MetricName}: {row.Rule}");
        Console.WriteLine();
    }

    public static Scope ParseScope(string text) =>
        Scope.TryParse(text, out var scope) ? scope : throw new UserInputException($"「{text}」は協会全体または47支部のいずれでもありません。");

    public static int ParseYear(string text)
    {
        var normalized = JapaneseYears.Normalize(text.Trim());
        if (int.TryParse(normalized, out var year) && year is > 2000 and < 2100) return year;
        var found = JapaneseYears.Find(normalized).ToList();
        return found.Count == 1 ? found[0].FiscalYear : throw new UserInputException($"年度「{text}」を読み取れません。2023、令和5年度、R5 のように書いてください。");
    }
}
