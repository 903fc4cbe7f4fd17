namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// Substring tests that ignore case, on the ordinal path when the word has no cased letter (nearly every Japanese word):
/// OrdinalIgnoreCase over Japanese text takes .NET's slow casing path, and these tests run per sentence and per word.
/// </summary>
public static class Caseless
{
    public static bool Contains(string text, string word) => IndexOf(text, word) >= 0;

    public static int IndexOf(string text, string word) =>
        text.IndexOf(word, HasCase(word) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    public static bool Contains(string text, ReadOnlySpan<char> word) =>
        text.AsSpan().IndexOf(word, HasCase(word) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) >= 0;

    /// <summary>True when a character of the word has another case: only then can case change a match.</summary>
    private static bool HasCase(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            // Kana, CJK symbols and ideographs have no case: a Japanese word never reaches the casing tables.
            if (c is >= '\u3000' and <= '\u9FFF') continue;
            if (c < 0x80 ? char.IsAsciiLetter(c) : char.ToUpperInvariant(c) != c || char.ToLowerInvariant(c) != c) return true;
        }
        return false;
    }
}
