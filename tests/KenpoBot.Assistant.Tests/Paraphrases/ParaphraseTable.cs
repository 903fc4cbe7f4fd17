using System.Text;

namespace KenpoBot.Assistant.Tests.Paraphrases;

/// <summary>Reads the paraphrase tables: tab-separated, '#' lines are comments, read from the repository so edits need no rebuild.</summary>
internal static class ParaphraseTable
{
    public static IEnumerable<string[]> Rows(string file, int columns)
    {
        var path = Path.Combine(AssistantFixture.RepoRoot(), "tests", "KenpoBot.Assistant.Tests", "Paraphrases", file);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells.Length < columns) throw new InvalidDataException($"{file}: expected {columns} columns: {line}");
            yield return cells;
        }
    }

    public static IReadOnlyList<string> List(string cell) =>
        cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>NFKC without spaces, as the facts are compared.</summary>
    public static string Normalize(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The fact groups (';') of an expectation not found in the text; a group holds when any of its '|' alternatives is there.</summary>
    public static IReadOnlyList<string> MissingFacts(string expect, string text)
    {
        var haystack = Normalize(text);
        return [.. expect.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(group => !group.Split('|').Any(alternative => haystack.Contains(Normalize(alternative), StringComparison.Ordinal)))];
    }
}
