namespace KenpoBot.Host.Tests;

[Collection("host process")]
public sealed class EvalCommandTests
{
    [Fact]
    public async Task Eval_QuestionAndDialogueFiles_PrintsAVerdictPerItemAndASummaryPerFile()
    {
        var questions = TempFile.Write("# id\tquestion\texpect", "q01\t返納金債権とは何ですか\t資格;受診", "q02\t明日の東京の天気は\tOUT_OF_SCOPE");
        var dialogue = TempFile.Write(
            "# dialogue_id\tturn\tquestion\texpect",
            "t01\t1\t秋田支部の令和5年度の事業者健診データ取得率の実績は？\t19.7",
            "t01\t2\t目標は何％だった？\t22.2");

        var output = await KenpoProcess.RunAsync(null, "eval", questions, dialogue, "--min", "0");

        Assert.Equal(0, output.ExitCode);
        var lines = output.StdOut.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("OK ") && l.Contains("q02\t明日の東京の天気は"));
        Assert.Contains(lines, l => l.StartsWith("OK ") && l.Contains("t01.1\t秋田支部の令和5年度の事業者健診データ取得率の実績は？"));
        Assert.Contains(lines, l => (l.StartsWith("OK ") || l.StartsWith("NG ")) && l.Contains("t01.2\t目標は何％だった？"));
        Assert.Contains(lines, l => l.StartsWith(Path.GetFileName(questions) + ": ") && l.Contains("/2 問正解") && l.Contains("answer-first") && l.Contains("p99"));
        Assert.Contains(lines, l => l.StartsWith(Path.GetFileName(dialogue) + ": ") && l.Contains("/2 問正解") && l.Contains("対話 1 件") && l.Contains("p99"));
    }

    [Fact]
    public async Task Eval_MissingFile_GetsAJapaneseMessageAndExitCode2()
    {
        var output = await KenpoProcess.RunAsync(null, "eval", Path.Combine(Path.GetTempPath(), "kenpobot-no-such-file.tsv"));
        Assert.Equal(2, output.ExitCode);
        Assert.Contains("kenpobot-no-such-file.tsv」がありません。", output.StdErr);
    }
}
