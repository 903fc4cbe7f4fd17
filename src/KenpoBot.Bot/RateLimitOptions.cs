using System.ComponentModel.DataAnnotations;

namespace KenpoBot.Bot;

/// <summary>The per-user limit on questions, from "KenpoBot:RateLimit": a token bucket per user that refills at a steady rate.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "KenpoBot:RateLimit";

    /// <summary>Questions a user may ask per minute in the long run; 0 turns the limit off.</summary>
    [Range(0, 10_000, ErrorMessage = "KenpoBot:RateLimit:PermitsPerMinute は 0（制限なし）から 10000 の間です。")]
    public int PermitsPerMinute { get; set; } = 30;

    /// <summary>Questions a user may send at once before the steady rate applies.</summary>
    [Range(1, 10_000, ErrorMessage = "KenpoBot:RateLimit:Burst は 1 から 10000 の間です。")]
    public int Burst { get; set; } = 10;
}
