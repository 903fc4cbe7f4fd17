namespace KenpoBot.Bot.Feedback;

/// <summary>Where answers and reactions are kept, from the "KenpoBot" section.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "KenpoBot";

    /// <summary>The SQLite file (relative to the content root); created with its folder on first use.</summary>
    public string FeedbackPath { get; set; } = "data/feedback.db";

    /// <summary>
    /// The key of the user-id hash (a secret: set it by environment variable or user-secrets). Empty = a random key kept in
    /// the database file, so hashes stay stable across restarts but mean nothing outside it.
    /// </summary>
    public string FeedbackSalt { get; set; } = "";
}
