using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace KenpoBot.Corpus.Import;

/// <summary>The raw lines of a source document: a PDF read with PdfPig, or a text file already extracted from one.</summary>
public static class TextSource
{
    /// <summary>Reads the file's lines; <paramref name="progress"/> hears (page, pages) for a PDF.</summary>
    public static IReadOnlyList<string> ReadLines(string path, Action<int, int>? progress = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ファイル {path} がありません。", path);
        return IsPdf(path) ? ReadPdf(path, progress) : File.ReadAllLines(path, Encoding.UTF8);
    }

    private static bool IsPdf(string path)
    {
        Span<byte> head = stackalloc byte[5];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 5 && head.SequenceEqual("%PDF-"u8);
    }

    private static List<string> ReadPdf(string path, Action<int, int>? progress)
    {
        var lines = new List<string>();
        using var document = PdfDocument.Open(path);
        foreach (var page in document.GetPages())
        {
            // Content order keeps a printed page's reading order; each page ends like a page break in the seed texts.
            lines.AddRange(ContentOrderTextExtractor.GetText(page).Split('\n').Select(l => l.TrimEnd('\r')));
            lines.Add("");
            progress?.Invoke(page.Number, document.NumberOfPages);
        }
        return lines;
    }
}
