using KenpoBot.Search.Analysis.MeCab;

namespace KenpoBot.Search.Tests.Analysis.MeCab;

public sealed class MeCabUnavailableExceptionTests
{
    [Fact]
    public void Message_StatesTheReasonThePackagesAndTheInstallCommand()
    {
        var inner = new DllNotFoundException("libmecab.so.2");

        var ex = new MeCabUnavailableException("ライブラリ libmecab.so.2 が見つかりません。", inner);

        Assert.Equal(
            "MeCab を読み込めません。ライブラリ libmecab.so.2 が見つかりません。MeCab 本体（libmecab2）と IPADIC 辞書（UTF-8 版）が必要です。" +
            "次のコマンドで入れてください: sudo apt-get install mecab libmecab2 mecab-ipadic-utf8",
            ex.Message);
        Assert.Equal("ライブラリ libmecab.so.2 が見つかりません。", ex.Reason);
        Assert.Same(inner, ex.InnerException);
    }
}
