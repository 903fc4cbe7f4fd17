using System.Globalization;
using System.Text.RegularExpressions;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Planning;

/// <summary>The entities of a question.</summary>
public sealed record ParsedQuestion(
    string Text,
    IReadOnlyList<Scope> Scopes,
    int? FiscalYear,
    string? Plan,
    decimal? Number,
    /// <summary>What is left after scopes, years, plans and generic KPI words are taken out: the topic.</summary>
    string Topic)
{
    /// <summary>
    /// -1 for 前年度/前の年, +1 for 翌年度/次年度: a year counted from the one being talked about. <see cref="FiscalYear"/> then holds
    /// the year counted from today, for a question that has no conversation behind it. Null otherwise (昨年度 and 去年 are from today).
    /// </summary>
    public int? YearShift { get; init; }
}

/// <summary>Extracts scope, fiscal year (incl. 昨年度/今年度 against today in Japan), plan and numbers from a question.</summary>
public sealed partial class QuestionParser(TimeProvider time)
{
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(%|パーセント|ポイント)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"第\s*([4-6])\s*期")]
    private static partial Regex PlanPattern();

    /// <summary>前年度, 前の年(度), その前: but not 対前年度, the KPI wording 「対前年度以上」.</summary>
    [GeneratedRegex(@"(?<!対)前年度|前の年|その前")]
    private static partial Regex PreviousYearPattern();

    private static readonly string[] GenericWords =
    [
        "じゃあ", "では", "それでは", "なら", "ならば", "は", "KPI", "kpi", "ＫＰＩ", "の", "達成状況", "達成度", "達成", "状況", "目標", "結果", "実績", "を", "教えて", "ください",
        "下さい", "ですか", "ますか", "でしょうか", "について", "に関する", "関する", "比べて", "比較", "どう", "何", "?", "？", "。", "、", "支部", "と", "も", "今", "もし", "去年", "昨年度", "昨年", "前年度", "前年", "その前の年", "前の年", "その前", "翌年度", "次年度", "次の年", "今年度", "本年度", "今年", "年度", "値", "って",
    ];

    public int CurrentFiscalYear => JapaneseYears.FiscalYearOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Japan).DateTime));

    public ParsedQuestion Parse(string question)
    {
        var text = QueryExpander.Clean(question);
        var topic = text;

        int? year = null;
        foreach (var mention in JapaneseYears.Find(text))
        {
            year ??= mention.FiscalYear;
            topic = topic.Replace(mention.Text, " ", StringComparison.Ordinal);
        }
        int? shift = null;
        if (year is null)
        {
            if (PreviousYearPattern().IsMatch(text)) shift = -1;
            else if (ContainsAny(text, "翌年度", "次年度", "次の年")) shift = 1;
            if (shift is not null) year = CurrentFiscalYear + shift;
            else if (ContainsAny(text, "昨年度", "去年", "昨年")) year = CurrentFiscalYear - 1;
            else if (ContainsAny(text, "今年度", "本年度", "今年")) year = CurrentFiscalYear;
        }

        string? plan = null;
        if (PlanPattern().Match(text) is { Success: true } p)
        {
            plan = "AP" + p.Groups[1].Value;
            topic = topic.Replace(p.Value, " ", StringComparison.Ordinal);
        }

        var found = new List<(int At, Scope Scope)>();
        foreach (var candidate in ScopeWords())
        {
            var at = topic.IndexOf(candidate.Word, StringComparison.Ordinal);
            if (at < 0) continue;
            if (found.All(f => f.Scope != candidate.Scope)) found.Add((at, candidate.Scope));
            // Blank it out with the same length, so that positions of later matches still order the scopes as written.
            topic = topic.Remove(at, candidate.Word.Length).Insert(at, new string(' ', candidate.Word.Length));
        }
        var scopes = found.OrderBy(f => f.At).Select(f => f.Scope).ToList();

        decimal? number = null;
        if (NumberPattern().Match(topic) is { Success: true } n && decimal.TryParse(n.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            number = value;
            topic = topic.Replace(n.Value, " ", StringComparison.Ordinal);
        }

        foreach (var word in GenericWords.OrderByDescending(w => w.Length)) topic = topic.Replace(word, " ", StringComparison.Ordinal);
        topic = Regex.Replace(topic, @"\s+", " ").Trim();
        return new ParsedQuestion(text, scopes, year, plan, number, topic) { YearShift = shift };
    }

    private static bool ContainsAny(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));

    /// <summary>Scope words, longest first, so that 秋田支部 is taken before 秋田. 協会全体/全国 map to the association.</summary>
    private static IEnumerable<(string Word, Scope Scope)> ScopeWords()
    {
        var words = new List<(string, Scope)> { ("協会全体", Scope.Association), ("全国", Scope.Association), ("協会けんぽ全体", Scope.Association) };
        foreach (var (name, reading) in Scope.Branches)
        {
            var scope = Scope.Parse(name);
            words.Add((name + "支部", scope));
            var suffix = Scope.SuffixOf(name);
            if (suffix.Length > 0) words.Add((name + suffix, scope));
            words.Add((name, scope));
            if (reading.Length >= 3) words.Add((reading, scope)); // 2-kana readings (なら, さが, みえ) are ordinary words
        }
        return words.OrderByDescending(w => w.Item1.Length);
    }
}
