using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KenpoBot.Corpus;

/// <summary>Fiscal-year notations: 令和5年度 = R5 = 2023年度 = FY2023; 平成31年度 = 令和元年度 = 2019年度.</summary>
public static partial class JapaneseYears
{
    private const int ReiwaOffset = 2018;
    private const int HeiseiOffset = 1988;

    [GeneratedRegex(@"(令和|平成|Ｒ|R|H)\s*(元|\d{1,2})\s*(?:年度|年)?|(?:FY\s*)?(20\d{2})\s*(?:年度|年)?|FY\s*(\d{2})(?!\d)|(?<![\d.,])(\d{1,2})\s*年度", RegexOptions.IgnoreCase)]
    private static partial Regex YearPattern();

    /// <summary>A match of a year notation in normalised text, with the fiscal year it means.</summary>
    public readonly record struct YearMention(int Index, int Length, int FiscalYear, string Text);

    /// <summary>Finds explicit year notations (not relative ones such as 昨年度) in NFKC-normalised text.</summary>
    public static IEnumerable<YearMention> Find(string text)
    {
        string? lastEra = null;
        foreach (Match m in YearPattern().Matches(text))
        {
            int? year = null;
            if (m.Groups[1].Success)
            {
                var era = m.Groups[1].Value.ToUpperInvariant();
                var n = m.Groups[2].Value == "元" ? 1 : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                var isEraWord = era is "令和" or "平成";
                // A bare "R5"/"H30" must not be part of a longer ASCII word.
                if (!isEraWord && m.Index > 0 && char.IsAsciiLetterOrDigit(text[m.Index - 1])) continue;
                var digitsEnd = m.Groups[2].Index + m.Groups[2].Length;
                if (!isEraWord && !m.Value.Contains('年') && digitsEnd < text.Length && char.IsAsciiLetterOrDigit(text[digitsEnd])) continue;
                year = era is "令和" or "R" or "Ｒ" ? ReiwaOffset + n : HeiseiOffset + n;
                lastEra = year > ReiwaOffset ? "令和" : "平成";
            }
            else if (m.Groups[3].Success)
            {
                // A bare 4-digit number counts only with 年度/年 or FY, so that 2,024人 or 2026 tokens in tables stay numbers.
                if (!m.Value.Contains('年') && !m.Value.StartsWith("FY", StringComparison.OrdinalIgnoreCase)) continue;
                year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            }
            else if (m.Groups[4].Success)
            {
                year = 2000 + int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            }
            else if (m.Groups[5].Success && lastEra is not null)
            {
                // 「令和2年度から3年度」: a bare year after an era year is in that era.
                year = (lastEra == "令和" ? ReiwaOffset : HeiseiOffset) + int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture);
            }
            if (year is >= 2000 and <= 2100) yield return new YearMention(m.Index, m.Length, year.Value, m.Value);
        }
    }

    /// <summary>All the ways the documents and users write one fiscal year.</summary>
    public static IReadOnlyList<string> Forms(int fiscalYear)
    {
        var forms = new List<string> { $"{fiscalYear}年度" };
        if (fiscalYear > ReiwaOffset)
        {
            var n = fiscalYear - ReiwaOffset;
            forms.Add($"令和{n}年度");
            forms.Add($"R{n}");
            if (n == 1) forms.Add("令和元年度");
        }
        if (fiscalYear is > HeiseiOffset and <= 2019) forms.Add($"平成{fiscalYear - HeiseiOffset}年度");
        return forms;
    }

    /// <summary>令和5年度 for 2023; 平成30年度 for 2018.</summary>
    public static string Wareki(int fiscalYear) =>
        fiscalYear > ReiwaOffset ? (fiscalYear == 2019 ? "令和元年度" : $"令和{fiscalYear - ReiwaOffset}年度") : $"平成{fiscalYear - HeiseiOffset}年度";

    /// <summary>"令和5年度（2023年度）".</summary>
    public static string Describe(int fiscalYear) => $"{Wareki(fiscalYear)}（{fiscalYear}年度）";

    /// <summary>The fiscal year (April to March) that a date in Japan falls in.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>NFKC plus the normalisations the corpus and users need: full-width digits and ％ become ASCII.</summary>
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC);
}
