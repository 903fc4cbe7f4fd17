namespace KenpoBot.Corpus;

/// <summary>Reads glossary/glossary.tsv. References to sections and related terms are checked by <see cref="CorpusLoader"/>.</summary>
public static class GlossaryReader
{
    public static readonly string[] Columns = ["term", "reading", "synonyms", "definition", "sources", "related", "defined"];

    public static IEnumerable<GlossaryEntry> Read(string path, string relativePath, List<CorpusError> errors)
    {
        foreach (var row in TsvTable.Read(path, relativePath, Columns, errors))
        {
            var before = errors.Count;
            void Fail(string reason) => errors.Add(new CorpusError(relativePath, row.Line, reason));

            foreach (var required in new[] { "term", "reading", "definition", "sources" })
            {
                if (row[required].Length == 0) Fail($"「{required}」が空です。");
            }
            if (row["reading"].Length > 0 && !row["reading"].All(IsKana)) Fail($"reading「{row["reading"]}」はひらがな・カタカナで書いてください。");
            bool? defined = row["defined"] switch { "yes" => true, "no" => false, _ => null };
            if (defined is null) Fail($"defined「{row["defined"]}」は yes / no です。");
            if (errors.Count > before) continue;
            yield return new GlossaryEntry(row["term"], row["reading"], Split(row["synonyms"]), row["definition"], Split(row["sources"]),
                Split(row["related"]), defined!.Value, new SourceLocation(relativePath, row.Line));
        }
    }

    private static string[] Split(string cell) => cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsKana(char c) =>
        c is >= '\u3041' and <= '\u309F' or >= '\u30A0' and <= '\u30FF' or 'ー' or '・' or '　' or ' ' or '／';
}
