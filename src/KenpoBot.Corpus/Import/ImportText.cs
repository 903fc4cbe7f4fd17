using System.Text;

namespace KenpoBot.Corpus.Import;

/// <summary>NFKC for extracted text, keeping the numbering marks the headings are recognised by.</summary>
public static class ImportText
{
    /// <summary>
    /// NFKC turns the Kangxi radicals PdfPig yields (⾏ U+2F8F) into the ideographs they stand for and full-width forms into
    /// ASCII; circled digits (①) and roman numerals (Ⅰ, ⅰ) would become plain "1" and "I", so they are kept as printed.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsNumberingMark(text[i])) continue;
            builder.Append(text.AsSpan(start, i - start).ToString().Normalize(NormalizationForm.FormKC)).Append(text[i]);
            start = i + 1;
        }
        builder.Append(text[start..].Normalize(NormalizationForm.FormKC));
        return builder.ToString();
    }

    /// <summary>The text as the comparison sees it: full NFKC, no white space.</summary>
    public static string Key(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static bool IsNumberingMark(char c) => c is (>= '\u2160' and <= '\u217F') or (>= '\u2460' and <= '\u24FF');
}
