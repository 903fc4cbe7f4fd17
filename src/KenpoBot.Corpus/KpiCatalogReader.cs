using System.Globalization;

namespace KenpoBot.Corpus;

/// <summary>Reads kpi/*.kpis.tsv and kpi/*.results.tsv. Cross-file checks (references, duplicates) are done by <see cref="CorpusLoader"/>.</summary>
public static class KpiCatalogReader
{
    public static readonly string[] DefinitionColumns =
    [
        "id", "metric", "metric_name", "document", "section", "fiscal_years", "scope", "area", "measure", "wording",
        "target_kind", "target_value", "unit", "special_rule", "small_tender_limit", "target_population",
        "baseline", "baseline_year", "reference", "note",
    ];

    public static readonly string[] ResultColumns =
        ["kpi", "fiscal_year", "actual", "actual_text", "previous", "extra", "document", "section", "note"];

    public static readonly string[] ExtraKeys = ["tenders", "single-bids", "offices", "offices-previous"];

    public static IEnumerable<KpiDefinition> ReadDefinitions(string path, string relativePath, List<CorpusError> errors)
    {
        foreach (var row in TsvTable.Read(path, relativePath, DefinitionColumns, errors))
        {
            var before = errors.Count;
            void Fail(string reason) => errors.Add(new CorpusError(relativePath, row.Line, reason));

            var id = row["id"];
            if (!MarkdownDocumentReader.IdPattern().IsMatch(id)) Fail($"id「{id}」は英小文字・数字・ハイフンで書いてください。");
            var metric = row["metric"];
            if (!MarkdownDocumentReader.IdPattern().IsMatch(metric)) Fail($"metric「{metric}」は英小文字・数字・ハイフンで書いてください。");
            foreach (var required in new[] { "metric_name", "document", "section", "measure", "wording" })
            {
                if (row[required].Length == 0) Fail($"「{required}」が空です。");
            }
            if (!FiscalYearRange.TryParse(row["fiscal_years"], out var years)) Fail($"fiscal_years「{row["fiscal_years"]}」は 2021 または 2024-2026 の形です。");
            if (!Scope.TryParse(row["scope"], out var scope)) Fail($"scope「{row["scope"]}」は協会全体または支部名です。");
            KpiArea? area = row["area"] switch { "基盤" => KpiArea.Foundational, "戦略" => KpiArea.Strategic, "組織" => KpiArea.Organization, _ => null };
            if (area is null) Fail($"area「{row["area"]}」は 基盤 / 戦略 / 組織 のいずれかです。");
            TargetKind? kind = row["target_kind"] switch
            {
                "absolute>=" => TargetKind.AbsoluteHigher, "absolute<=" => TargetKind.AbsoluteLower,
                "previous>=" => TargetKind.PreviousHigher, "previous<=" => TargetKind.PreviousLower,
                "branches>=" => TargetKind.Branches, "done" => TargetKind.Done, _ => null,
            };
            if (kind is null) Fail($"target_kind「{row["target_kind"]}」は absolute>= / absolute<= / previous>= / previous<= / branches>= / done のいずれかです。");
            var value = ParseDecimal(row["target_value"], "target_value", Fail);
            if (kind is TargetKind.AbsoluteHigher or TargetKind.AbsoluteLower or TargetKind.Branches && value is null)
                Fail("この target_kind には target_value が必要です。");
            if (kind is TargetKind.PreviousHigher or TargetKind.PreviousLower or TargetKind.Done && value is not null)
                Fail("前年度比・実施の KPI に target_value は書きません（前年度の値は results の previous に書きます）。");
            if (!UnitText.TryParse(row["unit"], out var unit)) Fail($"unit「{row["unit"]}」は % / 円 / 事業所 / 支部 / 件 / 人 / 日 / 回 / 空 のいずれかです。");
            if (kind == TargetKind.Branches && unit != Unit.Branches) Fail("branches>= の unit は「支部」です。");
            CheckUnitRange(value, unit, "target_value", Fail);
            SpecialRule? rule = row["special_rule"] switch
            {
                "none" => SpecialRule.None, "generic-80" => SpecialRule.GenericDrug80,
                "small-tender" => SpecialRule.SmallTenderException, "health-committee" => SpecialRule.HealthCommitteeCompound, _ => null,
            };
            if (rule is null) Fail($"special_rule「{row["special_rule"]}」は none / generic-80 / small-tender / health-committee のいずれかです。");
            int? limit = null;
            if (row["small_tender_limit"].Length > 0)
            {
                if (int.TryParse(row["small_tender_limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0) limit = l;
                else Fail($"small_tender_limit「{row["small_tender_limit"]}」は正の整数です。");
            }
            if (rule == SpecialRule.SmallTenderException && limit is null) Fail("small-tender には small_tender_limit が必要です。");
            if (rule != SpecialRule.SmallTenderException && limit is not null) Fail("small_tender_limit は small-tender のときだけ書きます。");
            long? population = null;
            if (row["target_population"].Length > 0)
            {
                if (long.TryParse(row["target_population"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) population = n;
                else Fail($"target_population「{row["target_population"]}」はカンマなしの正の整数です。");
            }
            int? baselineYear = null;
            if (row["baseline_year"].Length > 0)
            {
                if (int.TryParse(row["baseline_year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 2000 and < 2100) baselineYear = y;
                else Fail($"baseline_year「{row["baseline_year"]}」は西暦の年度です。");
            }
            if ((row["baseline"].Length > 0) != (baselineYear is not null)) Fail("baseline と baseline_year は両方書くか、両方空にします。");
            bool? reference = row["reference"] switch { "yes" => true, "no" => false, _ => null };
            if (reference is null) Fail($"reference「{row["reference"]}」は yes / no です。");

            if (errors.Count > before) continue;
            var target = new KpiTarget(kind!.Value, value, unit, rule!.Value, limit);
            var definition = new KpiDefinition(id, metric, row["metric_name"], row["document"], row["section"], years, scope, area!.Value,
                row["measure"], row["wording"], target, population, reference!.Value, row["note"], new SourceLocation(relativePath, row.Line));
            yield return definition with { Baseline = row["baseline"].Length > 0 ? row["baseline"] : null, BaselineYear = baselineYear };
        }
    }

    public static IEnumerable<KpiResult> ReadResults(string path, string relativePath, List<CorpusError> errors)
    {
        foreach (var row in TsvTable.Read(path, relativePath, ResultColumns, errors))
        {
            var before = errors.Count;
            void Fail(string reason) => errors.Add(new CorpusError(relativePath, row.Line, reason));

            foreach (var required in new[] { "kpi", "actual_text", "document", "section" })
            {
                if (row[required].Length == 0) Fail($"「{required}」が空です。");
            }
            if (!int.TryParse(row["fiscal_year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
                Fail($"fiscal_year「{row["fiscal_year"]}」は西暦の年度です。");
            var actual = ParseDecimal(row["actual"], "actual", Fail);
            var previous = ParseDecimal(row["previous"], "previous", Fail);
            var extra = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var pair in row["extra"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                var key = eq > 0 ? pair[..eq].Trim() : pair;
                if (eq <= 0 || !ExtraKeys.Contains(key)) { Fail($"extra「{pair}」は {string.Join(" / ", ExtraKeys)} のいずれかの key=value です。"); continue; }
                var v = ParseDecimal(pair[(eq + 1)..].Trim(), $"extra {key}", Fail);
                if (v is null) Fail($"extra「{pair}」に値がありません。");
                else if (!extra.TryAdd(key, v.Value)) Fail($"extra の「{key}」が重複しています。");
            }
            if (errors.Count > before) continue;
            yield return new KpiResult(row["kpi"], year, actual, row["actual_text"], previous, extra, row["document"], row["section"], row["note"],
                new SourceLocation(relativePath, row.Line));
        }
    }

    /// <summary>Checks that a value fits its unit: a percentage lies in 0–100, counts are whole and not negative.</summary>
    public static void CheckUnitRange(decimal? value, Unit unit, string column, Action<string> fail)
    {
        if (value is not { } v) return;
        if (v < 0) fail($"{column}「{v}」が負です。");
        if (unit == Unit.Percent && v > 100) fail($"{column}「{v}」は % の値として 100 を超えています。");
        if (unit is Unit.Offices or Unit.Branches or Unit.Cases or Unit.People or Unit.Times && v != decimal.Truncate(v))
            fail($"{column}「{v}」は {unit.ToText()} の数なので整数です。");
        if (unit == Unit.Branches && v > 47) fail($"{column}「{v}」は支部数として 47 を超えています。");
    }

    private static decimal? ParseDecimal(string text, string column, Action<string> fail)
    {
        if (text.Length == 0) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
        fail($"{column}「{text}」は単位やカンマのない数値で書いてください。");
        return null;
    }
}
