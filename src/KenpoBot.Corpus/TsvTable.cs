using System.Text;

namespace KenpoBot.Corpus;

/// <summary>A row of a TSV file with its 1-based line number; cells are looked up by column name.</summary>
public sealed class TsvRow(IReadOnlyDictionary<string, int> columns, string[] cells, int line)
{
    public int Line { get; } = line;

    public string this[string column] => cells[columns[column]].Trim();
}

/// <summary>Reads the corpus's tab-separated files: '#' comment lines and blank lines are skipped; the header must match exactly.</summary>
public static class TsvTable
{
    public static IReadOnlyList<TsvRow> Read(string path, string relativePath, IReadOnlyList<string> expectedColumns, List<CorpusError> errors)
    {
        var rows = new List<TsvRow>();
        if (!CorpusText.TryReadLines(path, relativePath, errors, out var lines)) return rows;

        Dictionary<string, int>? columns = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var text = lines[i];
            if (text.Length == 0 || string.IsNullOrWhiteSpace(text) || text.StartsWith('#')) continue;
            var cells = text.Split('\t');
            if (columns is null)
            {
                var header = cells.Select(c => c.Trim()).ToArray();
                if (!header.SequenceEqual(expectedColumns))
                {
                    errors.Add(new CorpusError(relativePath, lineNo,
                        $"見出し行が違います。期待: {string.Join(" ", expectedColumns)} / 実際: {string.Join(" ", header)}"));
                    return rows;
                }
                columns = header.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
                continue;
            }
            if (cells.Length != expectedColumns.Count)
            {
                errors.Add(new CorpusError(relativePath, lineNo, $"列数が {expectedColumns.Count} ではなく {cells.Length} です。"));
                continue;
            }
            if (cells.Any(c => c.Any(ch => char.IsControl(ch))))
            {
                errors.Add(new CorpusError(relativePath, lineNo, "セルに制御文字が含まれています。"));
                continue;
            }
            rows.Add(new TsvRow(columns, cells, lineNo));
        }
        if (columns is null) errors.Add(new CorpusError(relativePath, 0, "見出し行がありません。"));
        return rows;
    }
}

internal static class CorpusText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file as strict UTF-8 (a BOM is allowed) and splits it into lines.</summary>
    public static bool TryReadLines(string path, string relativePath, List<CorpusError> errors, out string[] lines)
    {
        try
        {
            var text = StrictUtf8.GetString(File.ReadAllBytes(path));
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
            lines = text.Replace("\r\n", "\n").Split('\n');
            return true;
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new CorpusError(relativePath, 0, "UTF-8 として読めません。"));
        }
        catch (IOException ex)
        {
            errors.Add(new CorpusError(relativePath, 0, $"読み込めません: {ex.Message}"));
        }
        lines = [];
        return false;
    }
}
