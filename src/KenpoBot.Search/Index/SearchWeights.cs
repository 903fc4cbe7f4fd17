using System.Globalization;
using System.Reflection;

namespace KenpoBot.Search.Index;

/// <summary>
/// Every weight of the combined query, in one place (tuned on the shared dev and dev2 questions together; see BENCHMARKS.md).
/// Field weights multiply the user's own words in that field; <see cref="Expansion"/> scales the terms only the expansion
/// (synonyms, other 年度 forms) brings; <see cref="Scope"/> and <see cref="FiscalYear"/> favour entries of a scope or fiscal
/// year the question names without filtering others out; <see cref="Term"/> favours the glossary entry of a term the question
/// asks about and nothing else.
/// </summary>
public sealed record SearchWeights
{
    /// <summary>Entry titles, MeCab terms.</summary>
    public float Title { get; init; } = 0.5f;

    /// <summary>Entry bodies, MeCab terms.</summary>
    public float Text { get; init; } = 4.0f;

    /// <summary>Entry titles, CJK bigrams.</summary>
    public float TitleBigram { get; init; } = 0.5f;

    /// <summary>Entry bodies, CJK bigrams.</summary>
    public float TextBigram { get; init; } = 1.0f;

    public float Expansion { get; init; } = 0.15f;

    public float Scope { get; init; } = 6.0f;

    public float FiscalYear { get; init; } = 15.0f;

    public float Term { get; init; } = 2.0f;

    public static SearchWeights Default { get; } = new();

    /// <summary>The names <see cref="With"/> accepts: the weights' property names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Properties.Select(p => p.Name)];

    private static IEnumerable<PropertyInfo> Properties =>
        typeof(SearchWeights).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(float));

    /// <summary>A copy with the weights of "Name=value" settings changed (names as <see cref="Names"/>, any case).</summary>
    /// <exception cref="FormatException">An unknown name, or a value that is not a non-negative number.</exception>
    public SearchWeights With(IEnumerable<string> settings)
    {
        var copy = this with { };
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2, StringSplitOptions.TrimEntries);
            var property = Properties.FirstOrDefault(p => string.Equals(p.Name, parts[0], StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"重み「{parts[0]}」はありません（{string.Join(", ", Names)}）。");
            if (parts.Length < 2 || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !float.IsFinite(value))
                throw new FormatException($"重み「{setting}」の値が 0 以上の数ではありません（例: {property.Name}=2）。");
            property.SetValue(copy, value);
        }
        return copy;
    }

    public override string ToString() =>
        string.Join(" ", Properties.Select(p => $"{p.Name}={((float)p.GetValue(this)!).ToString(CultureInfo.InvariantCulture)}"));
}
