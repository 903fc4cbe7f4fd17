using System.Text;

namespace KenpoBot.Corpus.Import;

/// <summary>What the import recognised, the lines it could not place and the values it guessed, each with its source line.</summary>
public sealed class ImportReport
{
    public sealed record Entry(int SourceLine, string Text);

    private readonly List<Entry> _unplaced = [];
    private readonly List<Entry> _guessed = [];

    public string SourceFile { get; init; } = "";
    public int SourceLines { get; set; }
    public int Headings { get; set; }
    public int TableOfContentsLines { get; set; }
    public int KpiRows { get; set; }
    public int Results { get; set; }

    public IReadOnlyList<Entry> Unplaced => _unplaced;
    public IReadOnlyList<Entry> Guessed => _guessed;

    public void AddUnplaced(int line, string text) => _unplaced.Add(new(line, text));

    public void AddGuessed(int line, string text) => _guessed.Add(new(line, text));

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"取り込み: {SourceFile}（{SourceLines} 行）");
        text.AppendLine($"  見出し {Headings} 件、目次の行 {TableOfContentsLines} 件、KPI {KpiRows} 行、結果 {Results} 行");
        text.AppendLine($"配置できなかった行（{_unplaced.Count} 件、本文にそのまま残しています）:");
        foreach (var entry in _unplaced) text.AppendLine($"  {SourceFile}:{entry.SourceLine}: {entry.Text}");
        text.AppendLine($"推定した KPI の値（{_guessed.Count} 件、確認してください）:");
        foreach (var entry in _guessed) text.AppendLine($"  {SourceFile}:{entry.SourceLine}: {entry.Text}");
        return text.ToString();
    }
}
