using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// Finds the glossary term a text names: exactly (term, synonym, reading), inside a longer sentence (longest first), or
/// misspelt (most of the term's character bigrams, in one place). Pure and thread-safe.
/// </summary>
public sealed class TermFinder
{
    private const double MinCoverage = 0.75;

    private readonly IReadOnlyList<(GlossaryEntry Entry, string Name)> names;
    private readonly (GlossaryEntry Entry, string Name, int[] Bigrams)[] fuzzyNames;
    private readonly Dictionary<string, GlossaryEntry> byTerm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GlossaryEntry> byReading = new(StringComparer.Ordinal);
    private readonly KnowledgeBase knowledge;

    public TermFinder(KnowledgeBase knowledge)
    {
        this.knowledge = knowledge;
        names = knowledge.Glossary
            .SelectMany(e => new[] { e.Term }.Concat(e.Synonyms).Select(n => (Entry: e, Name: JapaneseYears.Normalize(n))))
            .Where(p => p.Name.Length >= 2)
            .OrderByDescending(p => p.Name.Length)
            .ToList();
        fuzzyNames = [.. names.Where(p => p.Name.Length >= 4).Select(p => (p.Entry, p.Name, CharBigrams.All(p.Name, foldCase: true)))];
        // The first entry of a term or reading wins, as a scan in glossary order would find it.
        foreach (var entry in knowledge.Glossary)
        {
            byTerm.TryAdd(JapaneseYears.Normalize(entry.Term), entry);
            if (entry.Reading is { } reading) byReading.TryAdd(reading, entry);
        }
    }

    /// <summary>How the term was found: exact, synonym, reading, contained or fuzzy.</summary>
    public (GlossaryEntry? Entry, string MatchedBy) Find(string text)
    {
        var t = JapaneseYears.Normalize(text ?? "").Trim();
        // A quoted word is what is asked about: 「債権回収の説明に出てくる「レセプト振替サービス」とは？」.
        var open = t.IndexOf('「');
        var close = open >= 0 ? t.IndexOf('」', open + 1) : -1;
        if (close > open + 1 && Find(t[(open + 1)..close]) is { Entry: not null } quoted) return quoted;
        if (t.Length == 0) return (null, "");
        if (byTerm.TryGetValue(t, out var exact)) return (exact, "exact");
        if (knowledge.FindTerm(t) is { } synonym) return (synonym, "synonym");
        if (byReading.TryGetValue(t, out var reading)) return (reading, "reading");
        var contained = names.FirstOrDefault(p => Caseless.Contains(t, p.Name));
        var textBigrams = new HashSet<int>(CharBigrams.All(t, foldCase: true));
        var fuzzy = fuzzyNames
            .Select(p => (p.Entry, p.Name, Coverage: Coverage(textBigrams, p.Bigrams)))
            .Where(p => p.Coverage >= MinCoverage)
            .OrderByDescending(p => p.Coverage).ThenByDescending(p => p.Name.Length)
            .FirstOrDefault();
        // A misspelt longer term (レセプト天検) beats the shorter one it contains (レセプト).
        if (fuzzy.Entry is not null && (contained.Entry is null || fuzzy.Name.Length > contained.Name.Length + 1)) return (fuzzy.Entry, "fuzzy");
        return contained.Entry is null ? (null, "") : (contained.Entry, "contained");
    }

    /// <summary>Every glossary term named in the text, in the order written (longest names first where they overlap).</summary>
    public IReadOnlyList<GlossaryEntry> AllIn(string text)
    {
        var t = JapaneseYears.Normalize(text ?? "");
        var taken = new bool[t.Length];
        var found = new List<(int At, GlossaryEntry Entry)>();
        foreach (var (entry, name) in names)
        {
            var at = Caseless.IndexOf(t, name);
            if (at < 0 || taken.AsSpan(at, name.Length).Contains(true)) continue;
            taken.AsSpan(at, name.Length).Fill(true);
            found.Add((at, entry));
        }
        return [.. found.OrderBy(f => f.At).Select(f => f.Entry).Distinct()];
    }

    /// <summary>The share of the name's bigrams that occur in the text.</summary>
    private static double Coverage(HashSet<int> text, int[] name)
    {
        var found = 0;
        foreach (var bigram in name) if (text.Contains(bigram)) found++;
        return name.Length == 0 ? 0 : (double)found / name.Length;
    }
}
