namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// Adjacent character pairs of a text, each as one int (two UTF-16 units), for scoring names against a question by the share
/// of their bigrams found: no string per bigram.
/// </summary>
internal static class CharBigrams
{
    /// <summary>Every bigram in order, repeats kept; with <paramref name="foldCase"/>, each character as OrdinalIgnoreCase folds it.</summary>
    public static int[] All(string text, bool foldCase = false)
    {
        if (text.Length < 2) return [];
        var bigrams = new int[text.Length - 1];
        for (var i = 0; i + 1 < text.Length; i++)
            bigrams[i] = foldCase ? char.ToUpperInvariant(text[i]) << 16 | char.ToUpperInvariant(text[i + 1]) : text[i] << 16 | text[i + 1];
        return bigrams;
    }
}
