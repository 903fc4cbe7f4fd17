using System.Globalization;
using System.Text.RegularExpressions;

namespace KenpoBot.Corpus.Import;

/// <summary>The target a KPI wording sets, as corpus/README.md defines it; <see cref="Guessed"/> says why it is not certain.</summary>
public sealed record ParsedTarget(TargetKind Kind, decimal? Value, Unit Unit, string? Guessed);

/// <summary>Reads the target kind, value and unit from the wording of one KPI (see ../shared/KPI-RULES.md).</summary>
public static partial class KpiLineParser
{
    private const string Number = @"(?<number>\d[\d,]*(?:\.\d+)?(?:億(?:\d[\d,]*)?)?万?)";

    /// <summary>「57.6%以上とする」「1,780事業所(※)以上とする」「7日以内を維持する」「1億4,200万以上とする」.</summary>
    [GeneratedRegex(Number + @"\s*(?<unit>%|円|事業所|支部|件|人|日|回)?\s*(?:\(※\d*\))?\s*(?<bound>以上|以下|以内|未満)(?=とする|を維持|を目指|を達成|$)")]
    private static partial Regex AbsoluteTarget();

    /// <summary>「100%とする」: a level to reach, with no 以上/以下.</summary>
    [GeneratedRegex(Number + @"\s*(?<unit>%|円|事業所|支部|件|人|日|回)\s*(?:\(※\d*\))?\s*とする")]
    private static partial Regex PlainTarget();

    [GeneratedRegex(@"対?前年度末?(?:時点)?(?<bound>以上|以下)")]
    private static partial Regex PreviousTarget();

    [GeneratedRegex(@"(?<n>\d{1,2}|全)支部(?:で|において)?実施")]
    private static partial Regex BranchesTarget();

    [GeneratedRegex(@"実施|行う|開始|運用|策定")]
    private static partial Regex DoneWords();

    public static ParsedTarget Parse(string wording)
    {
        // 「…80%以上とする。ただし、…対前年度以上とする」: the exception after ただし does not set the target.
        var main = wording.Split("ただし", 2)[0];
        var absolute = AbsoluteTarget().Match(main);
        var previous = PreviousTarget().Match(main);
        if (previous.Success && (!absolute.Success || previous.Index < absolute.Index))
        {
            var kind = previous.Groups["bound"].Value == "以上" ? TargetKind.PreviousHigher : TargetKind.PreviousLower;
            return new(kind, null, UnitFromWords(main), null);
        }
        if (absolute.Success)
        {
            var kind = absolute.Groups["bound"].Value is "以上" ? TargetKind.AbsoluteHigher : TargetKind.AbsoluteLower;
            var unit = UnitOf(absolute.Groups["unit"].Value, main);
            return new(kind, ParseNumber(absolute.Groups["number"].Value), unit.Unit, unit.Guessed);
        }
        if (PlainTarget().Match(main) is { Success: true } plain)
        {
            var unit = UnitOf(plain.Groups["unit"].Value, main);
            return new(TargetKind.AbsoluteHigher, ParseNumber(plain.Groups["number"].Value), unit.Unit, "「以上」「以下」がないため absolute>= と推定");
        }
        if (BranchesTarget().Match(main) is { Success: true } branches)
        {
            var n = branches.Groups["n"].Value == "全" ? 47 : int.Parse(branches.Groups["n"].Value, CultureInfo.InvariantCulture);
            return new(TargetKind.Branches, n, Unit.Branches, null);
        }
        if (DoneWords().IsMatch(main)) return new(TargetKind.Done, null, Unit.None, null);
        return new(TargetKind.Done, null, Unit.None, "目標の形が読めないため done と推定");
    }

    /// <summary>「1億4,200万」 → 142000000; 「1,780」 → 1780.</summary>
    public static decimal ParseNumber(string text)
    {
        text = text.Replace(",", "");
        decimal total = 0;
        var oku = text.IndexOf('億');
        if (oku >= 0)
        {
            total += decimal.Parse(text[..oku], CultureInfo.InvariantCulture) * 100_000_000m;
            text = text[(oku + 1)..];
        }
        if (text.EndsWith('万')) return total + (text.Length > 1 ? decimal.Parse(text[..^1], CultureInfo.InvariantCulture) * 10_000m : 0);
        return total + (text.Length > 0 ? decimal.Parse(text, CultureInfo.InvariantCulture) : 0);
    }

    private static (Unit Unit, string? Guessed) UnitOf(string printed, string wording)
    {
        if (printed.Length > 0 && UnitText.TryParse(printed, out var unit)) return (unit, null);
        var fromWords = UnitFromWords(wording);
        return (fromWords, $"単位を文言から {(fromWords == Unit.None ? "なし" : fromWords.ToText())} と推定");
    }

    /// <summary>The unit of a KPI whose wording prints none: a rate is %, an amount 円, a count of offices 事業所.</summary>
    private static Unit UnitFromWords(string wording) =>
        wording.Contains("事業所数", StringComparison.Ordinal) ? Unit.Offices
        : wording.Contains("率", StringComparison.Ordinal) || wording.Contains("割合", StringComparison.Ordinal) ? Unit.Percent
        : wording.Contains("額", StringComparison.Ordinal) ? Unit.Yen
        : wording.Contains("件数", StringComparison.Ordinal) || wording.Contains("アクセス数", StringComparison.Ordinal) ? Unit.Cases
        : wording.Contains("日数", StringComparison.Ordinal) ? Unit.Days
        : Unit.None;
}
