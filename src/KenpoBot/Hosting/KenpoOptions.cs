using System.ComponentModel.DataAnnotations;

namespace KenpoBot.Hosting;

/// <summary>The "KenpoBot" section of appsettings.json. Relative paths are resolved against the content root.</summary>
public sealed class KenpoOptions
{
    public const string Section = "KenpoBot";

    [Required(ErrorMessage = "KenpoBot:CorpusPath を設定してください。")]
    public string CorpusPath { get; set; } = "corpus";

    [Required(ErrorMessage = "KenpoBot:IndexPath を設定してください。")]
    public string IndexPath { get; set; } = "data/index";

    [Range(10, 100_000, ErrorMessage = "KenpoBot:MaxQuestionLength は 10 から 100000 の間です。")]
    public int MaxQuestionLength { get; set; } = 2000;

    [Range(1, 100, ErrorMessage = "KenpoBot:ConversationTurns は 1 から 100 の間です。")]
    public int ConversationTurns { get; set; } = 10;

    [Range(1, 24 * 60, ErrorMessage = "KenpoBot:ConversationMinutes は 1 から 1440 の間です。")]
    public int ConversationMinutes { get; set; } = 60;
}
