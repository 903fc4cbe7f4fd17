using System.Reflection;

namespace KenpoBot.Corpus.Import;

/// <summary>
/// The known misspellings the PDF extraction puts into the source documents (Import/Resources/extraction-fixes.tsv),
/// one list for the importer and the search index alike.
/// </summary>
public static class ExtractionFixes
{
    private static readonly Lazy<IReadOnlyList<(string Wrong, string Right)>> List = new(Load);

    public static IReadOnlyList<(string Wrong, string Right)> Fixes => List.Value;

    public static string Apply(string text)
    {
        foreach (var (wrong, right) in Fixes)
        {
            text = text.Replace(wrong, right, StringComparison.Ordinal);
        }
        return text;
    }

    private static List<(string, string)> Load()
    {
        const string name = "KenpoBot.Corpus.Import.extraction-fixes.tsv";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"埋め込みリソース {name} が見つかりません。");
        using var reader = new StreamReader(stream);
        var fixes = new List<(string, string)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split('\t');
            if (cells.Length == 2 && cells[0].Length > 0) fixes.Add((cells[0], cells[1]));
        }
        return fixes;
    }
}
