using System.Text;

namespace KenpoBot.Cli;

/// <summary>
/// The judge rule of ../shared/eval/check/qa.py and dialogues.py, reproduced character for character so that `eval` gives
/// their verdicts: every ';' group of the expectation has one '|' alternative in the checked text; OUT_OF_SCOPE passes when
/// the answer cites nothing.
/// </summary>
public static class AnswerCheck
{
    public const string OutOfScope = "OUT_OF_SCOPE";

    /// <summary>With answer-first, only this many characters of the answer are checked (code points, as python slices).</summary>
    public const int AnswerFirstLength = 300;

    /// <param name="snippets">The snippet of each citation; an empty list means the answer cites nothing.</param>
    /// <param name="answerFirst">Check only the start of the answer text itself: the bot states the fact, not only cites it.</param>
    public static bool Passes(string expect, string answer, IReadOnlyList<string?> snippets, bool answerFirst = false)
    {
        if (expect == OutOfScope) return snippets.Count == 0;
        // qa.py builds norm(answer) + " ".join(norm(snippet)): nothing between the answer and the first snippet.
        var text = answerFirst
            ? Head(Normalize(answer), AnswerFirstLength)
            : Normalize(answer) + string.Join(" ", snippets.Select(Normalize));
        return expect.Split(';').All(group => group.Split('|').Any(alternative => text.Contains(Normalize(alternative), StringComparison.Ordinal)));
    }

    /// <summary>python's unicodedata.normalize("NFKC", s).replace(" ", ""); NFKC first, so full-width spaces go too.</summary>
    public static string Normalize(string? text) => (text ?? "").Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The first <paramref name="count"/> code points, like python's text[:count].</summary>
    public static string Head(string text, int count)
    {
        var length = 0;
        foreach (var rune in text.EnumerateRunes().Take(count)) length += rune.Utf16SequenceLength;
        return text[..length];
    }
}
