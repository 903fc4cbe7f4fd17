using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Llm;

/// <summary>
/// A number as written: its value and the precision it was written with (「1.2万」: mantissa 1.2 at 10,000, one decimal).
/// A fiscal year (令和5年度, R5, 2023年度) reads as its Western year, with no rounding.
/// </summary>
public readonly record struct WrittenNumber(decimal Value, decimal Unit, int Decimals, string Text)
{
    /// <summary>True when <paramref name="exact"/> rounds to this number as written (12,345 is 「1.2万」 and 「1万2千」; 59.7 is not 「60」).</summary>
    public bool Matches(decimal exact) =>
        Math.Abs(exact) == Value || ((Decimals > 0 || Unit > 1) && Math.Round(Math.Abs(exact) / Unit, Decimals, MidpointRounding.AwayFromZero) * Unit == Value);
}

/// <summary>
/// Reads the numbers of a Japanese text: full-width digits, thousands commas, 万/億/千, % and fiscal years. Ordinals and
/// labels are not figures and are skipped: 第6期, 6期, AP6, list markers (1. （2）), ①.
/// </summary>
public static partial class NumberReader
{
    private static readonly Dictionary<char, decimal> Units = new() { ['千'] = 1_000m, ['万'] = 10_000m, ['億'] = 100_000_000m };

    public static IReadOnlyList<WrittenNumber> Read(string text)
    {
        var normal = Ascii(text);
        var found = new List<(int Index, WrittenNumber Number)>();
        var masked = new StringBuilder(normal);
        foreach (var year in JapaneseYears.Find(normal))
        {
            found.Add((year.Index, new WrittenNumber(year.FiscalYear, 1, 0, year.Text)));
            Mask(masked, year.Index, year.Length);
        }
        foreach (Match label in Label().Matches(normal)) Mask(masked, label.Index, label.Length);
        var rest = masked.ToString();
        foreach (Match m in Quantity().Matches(rest)) found.Add((m.Index, Compose(m)));
        return found.OrderBy(f => f.Index).Select(f => f.Number).ToList();
    }

    /// <summary>Full-width digits and their punctuation as ASCII (not NFKC: that would turn ① into a figure).</summary>
    private static string Ascii(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '０' and <= '９' => (char)('0' + (chars[i] - '０')),
                '．' => '.',
                '，' => ',',
                '％' => '%',
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    private static void Mask(StringBuilder text, int index, int length)
    {
        for (var i = index; i < index + length; i++) text[i] = ' ';
    }

    /// <summary>「1億2,345万6千」 = 123,456,000: each piece times its unit, summed; the precision is the last piece's.</summary>
    private static WrittenNumber Compose(Match m)
    {
        var value = 0m;
        var unit = 1m;
        var decimals = 0;
        var pieces = m.Groups["n"].Captures;
        var units = m.Groups["u"].Captures;
        for (var i = 0; i < pieces.Count; i++)
        {
            var digits = pieces[i].Value.Replace(",", "", StringComparison.Ordinal);
            var mantissa = decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            unit = i < units.Count && units[i].Length > 0 ? Units[units[i].Value[0]] : 1m;
            decimals = digits.Contains('.') ? digits.Length - digits.IndexOf('.') - 1 : 0;
            value += mantissa * unit;
        }
        return new WrittenNumber(value, unit, decimals, m.Value);
    }

    // Pieces: 12,345 or 63.2, each with an optional 億/万/千; a run of pieces is one number (1万2千).
    [GeneratedRegex(@"(?<![0-9.])(?:(?<n>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?<u>[億万千]?))+")]
    private static partial Regex Quantity();

    // 第6期, 6期, 第2章; AP6, fy2023 (digits after ASCII letters); list markers at a line's start: 1. 2) （3） [4].
    [GeneratedRegex(@"第\s*[0-9]+|[0-9]+\s*期|[A-Za-z]+[0-9]+|^\s*(?:[0-9]+[.)）](?![0-9])|[(（［\[][0-9]+[)）］\]])", RegexOptions.Multiline)]
    private static partial Regex Label();
}
