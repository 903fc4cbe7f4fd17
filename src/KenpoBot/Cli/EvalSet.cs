using System.Globalization;
using KenpoBot.Hosting;

namespace KenpoBot.Cli;

/// <summary>One question of an eval file with its expectation; Turn is set in a dialogue file only.</summary>
public sealed record EvalItem(string Id, int? Turn, string Question, string Expect)
{
    /// <summary>The name verdict lines give it: the id, or id.turn in a dialogue (as dialogues.py prints it).</summary>
    public string Label => Turn is { } turn ? $"{Id}.{turn.ToString(CultureInfo.InvariantCulture)}" : Id;
}

/// <summary>
/// An eval file of ../shared/eval. Three columns (id, question, expect) are single questions, each asked in a fresh
/// conversation; four columns (id, turn, question, expect) are dialogues, the turns of one id asked in turn order in one
/// conversation. Blank lines and lines starting with '#' are skipped, as the python judges do.
/// </summary>
public sealed record EvalSet(string Path, bool IsDialogue, IReadOnlyList<IReadOnlyList<EvalItem>> Conversations)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public IEnumerable<EvalItem> Items => Conversations.SelectMany(c => c);

    public static EvalSet Read(string file)
    {
        var path = Resolve(file);
        var name = System.IO.Path.GetFileName(path);
        var rows = File.ReadAllLines(path)
            .Select((line, index) => (Cells: line.Split('\t'), Number: index + 1, Line: line))
            .Where(r => !string.IsNullOrWhiteSpace(r.Line) && !r.Line.StartsWith('#'))
            .ToList();
        if (rows.Count == 0) throw new UserInputException($"{name} に質問がありません。");
        var columns = rows[0].Cells.Length;
        foreach (var row in rows)
        {
            if (row.Cells.Length != columns || columns is not (3 or 4))
            {
                throw new UserInputException($"{name}:{row.Number}: 列が {row.Cells.Length} 個あります。質問ファイルは 3 列（ID・質問・期待語）、対話ファイルは 4 列（ID・ターン・質問・期待語）で、全行そろえてください。");
            }
        }
        if (columns == 3)
        {
            return new EvalSet(path, false, rows.Select(r => new[] { new EvalItem(r.Cells[0], null, r.Cells[1], r.Cells[2]) }).ToList());
        }
        var turns = rows.Select(r => int.TryParse(r.Cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var turn)
            ? new EvalItem(r.Cells[0], turn, r.Cells[2], r.Cells[3])
            : throw new UserInputException($"{name}:{r.Number}: ターン「{r.Cells[1]}」が数字ではありません。"));
        return new EvalSet(path, true, turns.GroupBy(t => t.Id).Select(d => d.OrderBy(t => t.Turn).ToList()).ToList());
    }

    /// <summary>The file as given, else relative to the repo root: `dotnet run` may start in the project folder.</summary>
    private static string Resolve(string file)
    {
        if (!File.Exists(file) && !System.IO.Path.IsPathRooted(file)) file = System.IO.Path.Combine(ContentRoot.Find(), file);
        if (!File.Exists(file)) throw new UserInputException($"ファイル「{file}」がありません。");
        return file;
    }
}
