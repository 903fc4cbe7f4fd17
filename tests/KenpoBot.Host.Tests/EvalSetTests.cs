using KenpoBot.Cli;

namespace KenpoBot.Host.Tests;

public sealed class EvalSetTests
{
    [Fact]
    public void FourColumns_AreDialoguesGroupedById_InTurnOrder()
    {
        var file = TempFile.Write(
            "# dialogue_id\tturn\tquestion\texpect",
            "a\t2\t目標は？\t22.2",
            "",
            "b\t1\t岩手は？\t64.0",
            "a\t1\t秋田の実績は？\t19.7",
            "# a comment between rows",
            "a\t3\tそれは達成？\t未達成");

        var set = EvalSet.Read(file);

        Assert.True(set.IsDialogue);
        Assert.Equal(2, set.Conversations.Count);
        Assert.Equal(["a.1", "a.2", "a.3"], set.Conversations[0].Select(t => t.Label));
        Assert.Equal(["秋田の実績は？", "目標は？", "それは達成？"], set.Conversations[0].Select(t => t.Question));
        Assert.Equal(["19.7", "22.2", "未達成"], set.Conversations[0].Select(t => t.Expect));
        Assert.Equal(["b.1"], set.Conversations[1].Select(t => t.Label));
    }

    [Fact]
    public void ThreeColumns_AreSingleQuestions_EachItsOwnConversation()
    {
        var file = TempFile.Write("# id\tquestion\texpect", "q1\t返納金債権とは\t資格", "   ", "q2\t明日の天気は\tOUT_OF_SCOPE");

        var set = EvalSet.Read(file);

        Assert.False(set.IsDialogue);
        Assert.Equal([1, 1], set.Conversations.Select(c => c.Count));
        Assert.Equal(["q1", "q2"], set.Items.Select(i => i.Label));
        Assert.Equal("OUT_OF_SCOPE", set.Items.Last().Expect);
    }

    [Fact]
    public void MixedColumnCounts_AreRefusedWithTheLine()
    {
        var file = TempFile.Write("q1\t返納金債権とは\t資格", "q2\t2\t明日の天気は\tOUT_OF_SCOPE");
        var error = Assert.Throws<UserInputException>(() => EvalSet.Read(file));
        Assert.Contains(":2:", error.Message);
    }

    [Fact]
    public void MissingFile_IsAUserError() =>
        Assert.Throws<UserInputException>(() => EvalSet.Read(Path.Combine(Path.GetTempPath(), "kenpobot-no-such-" + Guid.NewGuid().ToString("N") + ".tsv")));
}

internal static class TempFile
{
    /// <summary>A fresh UTF-8 file in the temp folder with these lines; the name ends with .tsv.</summary>
    public static string Write(params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), "kenpobot-eval-" + Guid.NewGuid().ToString("N") + ".tsv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
