namespace KenpoBot.Assistant;

/// <summary>
/// The one definition of an answer that says the documents do not cover the question: intent OutOfScope, or a text that
/// opens with 「資料には記載がありません」 (the handlers' and the model's wording). Telemetry and the feedback log both use it.
/// </summary>
public static class NotInDocuments
{
    public const string Phrase = "資料には記載がありません";

    public static bool Is(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Intent == Intent.OutOfScope || (answer.Text ?? "").TrimStart().StartsWith(Phrase, StringComparison.Ordinal);
    }
}
