using System.Text;
using KenpoBot.Corpus;
using KenpoBot.Corpus.Import;
using KenpoBot.Corpus.Entities;

namespace KenpoBot.Search.Index;

/// <summary>
/// Rewrites a user's question before analysis: NFKC, control characters removed, length capped, every 年度 notation
/// expanded to all its forms, and every glossary synonym group expanded to all its members.
/// </summary>
/// <param name="Question">The cleaned question.</param>
/// <param name="Expansion">Other 年度 forms and synonyms of what the question says, space-separated; empty when none.</param>
/// <param name="Scopes">Scope names (秋田, 協会全体) the question mentions.</param>
/// <param name="FiscalYears">Fiscal years the question mentions.</param>
/// <param name="Terms">
/// Glossary terms the question asks about and nothing else (「インセンティブ制度とは」「後発医薬品って何？」), as the glossary spells
/// them; empty when the question says more (「秋田のジェネリック医薬品の取組」).
/// </param>
public sealed record ExpandedQuery(string Question, string Expansion, IReadOnlyList<string> Scopes, IReadOnlyList<int> FiscalYears, IReadOnlyList<string> Terms);

public sealed class QueryExpander
{
    /// <summary>Longer questions are cut: nobody asks 10,000 characters, and the query must stay bounded.</summary>
    public const int MaxQueryLength = 500;

    // Each synonym group as written (NFKC) and case-folded for matching.
    private readonly IReadOnlyList<(string[] Members, string[] Folded)> synonymGroups;

    // Every glossary term and synonym (NFKC, case-folded), longest first, with the term it names.
    private readonly IReadOnlyList<(string Name, string Term)> termNames;

    public QueryExpander(IEnumerable<GlossaryEntry> glossary)
    {
        var entries = glossary.ToList();
        termNames = entries
            .SelectMany(e => new[] { e.Term }.Concat(e.Synonyms).Select(n => (Name: JapaneseYears.Normalize(n), e.Term)))
            .Where(p => p.Name.Length > 1)
            .DistinctBy(p => p.Name)
            .OrderByDescending(p => p.Name.Length)
            .ToList();
        synonymGroups = entries
            .Where(e => e.Synonyms.Count > 0)
            .Select(e => new[] { e.Term }.Concat(e.Synonyms).Select(JapaneseYears.Normalize).Where(s => s.Length > 1).Distinct().ToArray())
            .Where(g => g.Length > 1)
            .Select(g => (g, g.Select(Fold).ToArray()))
            .ToArray();
    }

    /// <summary>Lower case, same length: ordinal search in folded strings replaces OrdinalIgnoreCase in the loops below.</summary>
    private static string Fold(string text) => text.ToLowerInvariant();

    public static QueryExpander None { get; } = new([]);

    /// <summary>The cleaned question: NFKC, no control characters, at most <see cref="MaxQueryLength"/> characters.</summary>
    public static string Clean(string? question)
    {
        if (string.IsNullOrEmpty(question)) return "";
        var normalized = JapaneseYears.Normalize(question);
        var builder = new StringBuilder(Math.Min(normalized.Length, MaxQueryLength));
        foreach (var c in normalized)
        {
            if (builder.Length >= MaxQueryLength) break;
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return ExtractionFixes.Apply(builder.ToString().Trim());
    }

    /// <summary>The cleaned question; apart from it the 年度 forms and synonyms it adds; and the scopes and years it names.</summary>
    public ExpandedQuery Expand(string? question)
    {
        var text = Clean(question);
        if (text.Length == 0) return new ExpandedQuery(text, "", [], [], []);
        var years = JapaneseYears.Find(text).Select(m => m.FiscalYear).Distinct().ToList();
        var extra = years.SelectMany(JapaneseYears.Forms).ToList();
        var folded = Fold(text);
        foreach (var (members, foldedMembers) in synonymGroups)
        {
            if (!foldedMembers.Any(member => folded.Contains(member, StringComparison.Ordinal))) continue;
            for (var i = 0; i < members.Length; i++)
            {
                if (!folded.Contains(foldedMembers[i], StringComparison.Ordinal)) extra.Add(members[i]);
            }
        }
        return new ExpandedQuery(text, string.Join(" ", extra.Distinct()), ScopesIn(text), years, AskedTerms(text));
    }

    /// <summary>
    /// Glossary terms named in the text as words of their own, longest first: in 「インセンティブ制度とは」 the term
    /// インセンティブ制度, but not 健康宣言 in 「健康宣言事業所数」, where it is part of a longer compound.
    /// </summary>
    public IReadOnlyList<string> TermsIn(string text) => TermsIn(text, out _);

    private List<string> TermsIn(string text, out bool[] taken) =>
        [.. FindLongestFirst(Fold(text), termNames, StringComparison.Ordinal, StandsAsWord, out taken).Select(f => f.Value).Distinct()];

    private static bool StandsAsWord(string text, int at, int end) =>
        (at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end]));

    /// <summary>
    /// The terms of <see cref="TermsIn"/> when the rest of the question is only hiragana, symbols and words that ask for a meaning
    /// (何, 意味, 説明, 定義): a question about the term itself.
    /// </summary>
    public IReadOnlyList<string> AskedTerms(string text)
    {
        var terms = TermsIn(text, out var taken);
        if (terms.Count == 0) return terms;
        var rest = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (!taken[i] && IsWordChar(text[i])) rest.Append(text[i]);
        }
        foreach (var word in DefinitionWords) rest.Replace(word, "");
        return rest.Length == 0 ? terms : [];
    }

    private static readonly string[] DefinitionWords = ["何", "意味", "説明", "定義", "教"];

    /// <summary>Kanji, katakana, Latin letters and digits continue a compound; hiragana, symbols and spaces end it.</summary>
    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) && c is not (>= '\u3041' and <= '\u309F');

    /// <summary>The scope names (秋田, 協会全体) a question names, in order: the one entity recogniser's reading.</summary>
    public static IReadOnlyList<string> ScopesIn(string text) => EntityRecognizer.ScopesIn(text).Select(s => s.Name).ToList();

    /// <summary>
    /// Occurrences of <paramref name="names"/> (longest first) that overlap no longer one already found and that
    /// <paramref name="accept"/> (text, start, end) allows; <paramref name="taken"/> marks the characters they cover.
    /// </summary>
    private static List<(int At, T Value)> FindLongestFirst<T>(
        string text, IEnumerable<(string Name, T Value)> names, StringComparison comparison, Func<string, int, int, bool>? accept, out bool[] taken)
    {
        var found = new List<(int At, T Value)>();
        taken = new bool[text.Length];
        foreach (var (name, value) in names)
        {
            for (var at = text.IndexOf(name, comparison); at >= 0; at = text.IndexOf(name, at + 1, comparison))
            {
                if (taken.AsSpan(at, name.Length).Contains(true) || (accept is not null && !accept(text, at, at + name.Length))) continue;
                taken.AsSpan(at, name.Length).Fill(true);
                found.Add((at, value));
            }
        }
        return found;
    }
}
