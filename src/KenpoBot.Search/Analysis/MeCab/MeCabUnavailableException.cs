namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>MeCab or its IPADIC (UTF-8) dictionary cannot be loaded. The message says how to install them.</summary>
public sealed class MeCabUnavailableException : Exception
{
    public const string InstallCommand = "sudo apt-get install mecab libmecab2 mecab-ipadic-utf8";

    public MeCabUnavailableException(string reason, Exception? innerException = null)
        : base(FormatMessage(reason), innerException)
    {
        Reason = reason;
    }

    /// <summary>What failed, in Japanese, without the installation hint.</summary>
    public string Reason { get; }

    private static string FormatMessage(string reason) =>
        $"MeCab を読み込めません。{reason}MeCab 本体（libmecab2）と IPADIC 辞書（UTF-8 版）が必要です。" +
        $"次のコマンドで入れてください: {InstallCommand}";
}
