using System.ComponentModel.DataAnnotations;

namespace KenpoBot.Bot;

/// <summary>Limits and timings of the bot front end, from the "KenpoBot" section (MaxQuestionLength is shared with the command line).</summary>
public sealed class BotFrontEndOptions
{
    public const string Section = "KenpoBot";

    [Range(10, 100_000, ErrorMessage = "KenpoBot:MaxQuestionLength は 10 から 100000 の間です。")]
    public int MaxQuestionLength { get; set; } = 2000;

    [Range(4 * 1024, 4 * 1024 * 1024, ErrorMessage = "KenpoBot:MaxRequestBodyBytes は 4096 から 4194304 の間です。")]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Teams accepts about 100 KB per message (UTF-16) and recommends staying within 80 KB.</summary>
    [Range(8 * 1024, 100 * 1024, ErrorMessage = "KenpoBot:MaxReplyBytes は 8192 から 102400 の間です。")]
    public int MaxReplyBytes { get; set; } = 80 * 1024;

    /// <summary>How long an answer may take before the user sees a typing indicator; it is repeated at this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "KenpoBot:TypingDelay は 10 ミリ秒から 1 分の間です。")]
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A message turn still running after this long is answered 200 at once and finishes in the background, so the
    /// Bot Connector (which waits about 15 s) does not time out; the replies are posted when ready.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:14", ErrorMessage = "KenpoBot:AcknowledgeAfter は 0 から 14 秒の間です。")]
    public TimeSpan AcknowledgeAfter { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 10, ErrorMessage = "KenpoBot:ConnectorRetries は 0 から 10 の間です。")]
    public int ConnectorRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential back-off between connector retries (a Retry-After header wins).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30", ErrorMessage = "KenpoBot:ConnectorRetryDelay は 1 ミリ秒から 30 秒の間です。")]
    public TimeSpan ConnectorRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
