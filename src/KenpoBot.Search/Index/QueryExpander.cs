using System.Text;
using KenpoBot.Corpus;

namespace KenpoBot.Search.Index;

/// <summary>
/// Rewrites a user's question before analysis: NFKC, control characters removed, length capped, every 年度 notation
/// expanded to all its forms, and every glossary synonym group expanded to all its members.
/// </summary>
public sealed class QueryExpander
{
    /// <summary>Longer questions are cut: nobody asks 10,000 characters, and the query must stay bounded.</summary>
    public const int MaxQueryLength = 500;

    private readonly IReadOnlyList<string[]> synonymGroups;

    public QueryExpander(IEnumerable<GlossaryEntry> glossary)
    {
        synonymGroups = glossary
            .Where(e => e.Synonyms.Count > 0)
            .Select(e => new[] { e.Term }.Concat(e.Synonyms).Select(JapaneseYears.Normalize).Where(s => s.Length > 1).Distinct().ToArray())
            .Where(g => g.Length > 1)
            .ToArray();
    }

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

    public string Expand(string? question)
    {
        var text = Clean(question);
        if (text.Length == 0) return text;
        var extra = new List<string>();
        foreach (var mention in JapaneseYears.Find(text))
        {
            extra.AddRange(JapaneseYears.Forms(mention.FiscalYear));
        }
        foreach (var group in synonymGroups)
        {
            if (group.Any(member => text.Contains(member, StringComparison.OrdinalIgnoreCase)))
            {
                extra.AddRange(group.Where(member => !text.Contains(member, StringComparison.OrdinalIgnoreCase)));
            }
        }
        return extra.Count == 0 ? text : text + " " + string.Join(" ", extra.Distinct());
    }
}
