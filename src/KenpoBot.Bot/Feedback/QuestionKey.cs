using System.Globalization;
using System.Text;

namespace KenpoBot.Bot.Feedback;

/// <summary>A question reduced for grouping: NFKC, lower case, no spaces, no closing punctuation (「秋田は？」 = 「秋田は?」 = 「秋田 は」).</summary>
public static class QuestionKey
{
    public static string Of(string question)
    {
        var normalised = (question ?? "").Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Control) continue;
            sb.Append(c);
        }
        return sb.ToString().TrimEnd('?', '。', '.', '!', '、', ',');
    }
}
