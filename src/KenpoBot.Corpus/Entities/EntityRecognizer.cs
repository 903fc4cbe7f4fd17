using System.Text.RegularExpressions;

namespace KenpoBot.Corpus.Entities;

/// <summary>A scope named in a text: where, and which.</summary>
public readonly record struct ScopeMention(int Index, int Length, Scope Scope);

/// <summary>A year counted from another: 前年度 (-1) and 翌年度 (+1) from the year talked about; 今年度 (0) and 来年度 (+1) from today.</summary>
public readonly record struct RelativeYear(int Shift, bool FromToday);

/// <summary>The entities of a text: scopes (a region names its branches), fiscal years, the action plan.</summary>
public sealed record RecognizedEntities(
    IReadOnlyList<ScopeMention> Scopes,
    /// <summary>The region named (東北), whose branches are also in <see cref="Scopes"/>; null when none.</summary>
    string? Region,
    /// <summary>Explicit fiscal years, in the order written, each once.</summary>
    IReadOnlyList<int> Years,
    RelativeYear? Relative,
    /// <summary>AP4, AP5, AP6, AP7… (第6期 = AP6): the first plan named.</summary>
    string? Plan,
    /// <summary>Every plan named, in order (「第5期の…は第6期では」: AP5, AP6).</summary>
    IReadOnlyList<string> Plans,
    /// <summary>Characters covered by an entity, so that what is left is the topic.</summary>
    bool[] Covered)
{
    public IEnumerable<Scope> DistinctScopes => Scopes.Select(s => s.Scope).Distinct();
}

/// <summary>
/// The one recogniser of scopes, fiscal years and plans, used by search and by the question reader. Works on NFKC text.
/// Branch names are taken longest first (東京都 is 東京, not 京都); kana readings of two characters (なら, さが) count only
/// with 支部, since they are everyday words.
/// </summary>
public static partial class EntityRecognizer
{
    [GeneratedRegex(@"(?:第\s*(\d{1,2})\s*期|(?<![A-Za-z0-9])AP\s*(\d{1,2})(?!\d)|(?<![\d第.])(\d)\s*期(?![間限首末日]))(?!\s*(?:保健事業|特定健康診査|特定健診|特定保健指導|データヘルス|医療費適正化))", RegexOptions.IgnoreCase)]
    private static partial Regex PlanPattern();

    /// <summary>前年度, 前の年, 昨年度, 去年: a year back. Not 対前年度 or 前年度以上/以下/比, which are KPI wording.</summary>
    [GeneratedRegex(@"(?<!対)(?:その前の年度?|前の年度?|前年度?|昨年度?|去年度?)(?!度)(?!\s*(?:以上|以下|比|末|実績|の実績|の値|より|と比))")]
    private static partial Regex PreviousYearPattern();

    [GeneratedRegex(@"データヘルス|実施計画|健康診査|保健事業|医療費適正化計画")]
    private static partial Regex OtherPlan();

    [GeneratedRegex(@"翌年度?|次年度|次の年度?")]
    private static partial Regex NextYearPattern();

    [GeneratedRegex(@"今年度|本年度|今年|来年度?")]
    private static partial Regex ThisYearPattern();

    private static readonly string[] AssociationWords = ["協会けんぽ全体", "協会全体", "全国健康保険協会", "協会けんぽ", "全国"];

    private static readonly IReadOnlyList<(string Word, Scope Scope)> ScopeWords = BuildScopeWords();

    public static RecognizedEntities Recognize(string text)
    {
        var covered = new bool[text.Length];
        var years = new List<int>();
        foreach (var mention in JapaneseYears.Find(text))
        {
            if (!years.Contains(mention.FiscalYear)) years.Add(mention.FiscalYear);
            Cover(covered, mention.Index, mention.Length);
        }

        RelativeYear? relative = null;
        if (ThisYearPattern().Match(text) is { Success: true } thisYear)
        {
            relative = new RelativeYear(thisYear.Value.StartsWith('来') ? 1 : 0, true);
            Cover(covered, thisYear.Index, thisYear.Length);
        }
        else if (PreviousYearPattern().Match(text) is { Success: true } previous) { relative = new RelativeYear(-1, false); Cover(covered, previous.Index, previous.Length); }
        else if (NextYearPattern().Match(text) is { Success: true } next) { relative = new RelativeYear(1, false); Cover(covered, next.Index, next.Length); }

        var plans = new List<string>();
        foreach (Match m in PlanPattern().Matches(text))
        {
            if (covered.AsSpan(m.Index, m.Length).Contains(true)) continue;
            // 「データヘルス計画の第3期」: the period of another plan, not an action plan.
            if (OtherPlan().IsMatch(text[Math.Max(0, m.Index - 12)..m.Index])) continue;
            var number = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            var named = "AP" + int.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
            if (!plans.Contains(named)) plans.Add(named);
            Cover(covered, m.Index, m.Length);
        }

        var scopes = new List<ScopeMention>();
        string? region = null;
        foreach (var (name, branches) in Scope.Regions.OrderByDescending(r => r.Name.Length))
        {
            var at = text.IndexOf(name, StringComparison.Ordinal);
            if (at < 0 || covered.AsSpan(at, name.Length).Contains(true)) continue;
            region ??= name;
            var end = RegionEnd(text, at + name.Length);
            Cover(covered, at, end - at);
            scopes.AddRange(branches.Select(b => new ScopeMention(at, end - at, Scope.Parse(b))));
        }
        foreach (var (word, scope) in ScopeWords)
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                if (covered.AsSpan(at, word.Length).Contains(true)) continue;
                Cover(covered, at, word.Length);
                scopes.Add(new ScopeMention(at, word.Length, scope));
            }
        }
        var ordered = scopes.OrderBy(s => s.Index).DistinctBy(s => s.Scope).ToList();
        return new RecognizedEntities(ordered, region, years, relative, plans.FirstOrDefault(), plans, covered);
    }

    /// <summary>The scopes a text names, in order, each once.</summary>
    public static IReadOnlyList<Scope> ScopesIn(string text) => Recognize(text).DistinctScopes.ToList();

    /// <summary>「東北6支部」「東北六県」「東北の支部」: the region word runs on over a count and 支部/県.</summary>
    private static int RegionEnd(string text, int end)
    {
        var m = RegionTail().Match(text, end);
        return m.Success && m.Index == end ? end + m.Length : end;
    }

    [GeneratedRegex(@"(?:地方)?(?:の)?(?:\d+|[一二三四五六七八九十]+)?(?:支部|県|府県|各県|各支部)?")]
    private static partial Regex RegionTail();

    private static void Cover(bool[] covered, int at, int length) => covered.AsSpan(at, Math.Min(length, covered.Length - at)).Fill(true);

    private static List<(string, Scope)> BuildScopeWords()
    {
        var words = AssociationWords.Select(w => (w, Scope.Association)).ToList();
        foreach (var (name, reading) in Scope.Branches)
        {
            var scope = Scope.Parse(name);
            words.Add((name + "支部", scope));
            var suffix = Scope.SuffixOf(name);
            if (suffix.Length > 0) words.Add((name + suffix, scope));
            words.Add((name, scope));
            words.Add((reading + "支部", scope));
            if (reading.Length >= 3) words.Add((reading, scope));
        }
        return [.. words.OrderByDescending(w => w.Item1.Length)];
    }
}
