using System.Diagnostics;
using System.Text;
using KenpoBot.Search.Analysis.MeCab;
using KenpoBot.Search.Tests.Support;

namespace KenpoBot.Search.Tests.Analysis.MeCab;

public sealed class MeCabParserTests
{
    private static readonly MeCabParser Parser = MeCabParser.Shared;

    [Fact]
    public void Parse_InflectedSentence_GivesSurfacesOffsetsAndIpadicFeatures()
    {
        var morphemes = Parser.Parse("今日は良い天気でした。走った");

        Assert.Equal(
            new[]
            {
                "今日|0|2|名詞-副詞可能|今日|キョウ",
                "は|2|3|助詞-係助詞|は|ハ",
                "良い|3|5|形容詞-自立|良い|ヨイ",
                "天気|5|7|名詞-一般|天気|テンキ",
                "でし|7|9|助動詞|です|デシ",
                "た|9|10|助動詞|た|タ",
                "。|10|11|記号-句点|。|。",
                "走っ|11|13|動詞-自立|走る|ハシッ",
                "た|13|14|助動詞|た|タ",
            },
            morphemes.Select(m => $"{m.Surface}|{m.StartOffset}|{m.EndOffset}|{m.PartOfSpeech}|{m.BaseForm}|{m.Reading}"));
    }

    [Fact]
    public void Parse_UnknownWord_HasNoBaseFormOrReading()
    {
        var morpheme = Assert.Single(Parser.Parse("KPI"));

        Assert.Equal(new Morpheme("KPI", 0, 3, "名詞-固有名詞-組織", null, null, null, IsUnknown: true), morpheme);
    }

    [Fact]
    public void Parse_Emoji_OffsetsCountBothHalvesOfTheSurrogatePair()
    {
        var morphemes = Parser.Parse("受診😀率");

        Assert.Equal(
            new[] { "受診|0|2", "😀|2|4", "率|4|5" },
            morphemes.Select(m => $"{m.Surface}|{m.StartOffset}|{m.EndOffset}"));
    }

    [Fact]
    public void Parse_LoneSurrogate_KeepsOffsetsOnTheOriginalText()
    {
        const string text = "保健\uD800指導";

        var morphemes = Parser.Parse(text);

        Assert.Equal(("保健", 0, 2), (morphemes[0].Surface, morphemes[0].StartOffset, morphemes[0].EndOffset));
        Assert.Equal(("指導", 3, 5), (morphemes[^1].Surface, morphemes[^1].StartOffset, morphemes[^1].EndOffset));
        Assert.All(morphemes, m => Assert.Equal(text[m.StartOffset..m.EndOffset], m.Surface));
    }

    [Fact]
    public void Parse_SpacesAndControlCharacters_AreSkippedWithoutShiftingOffsets()
    {
        var morphemes = Parser.Parse("Hello World\n保健\0指導\r\n実施");

        Assert.Equal(
            new[] { "Hello|0|5", "World|6|11", "保健|12|14", "指導|15|17", "実施|19|21" },
            morphemes.Select(m => $"{m.Surface}|{m.StartOffset}|{m.EndOffset}"));
    }

    [Fact]
    public void Parse_Empty_GivesNothing()
    {
        Assert.Empty(Parser.Parse(string.Empty));
        Assert.Empty(Parser.Parse(" \n\t"));
    }

    [Fact]
    public void Parse_TenThousandCharacterLine_KeepsEveryWordAndOffset()
    {
        const string sentence = "特定保健指導の実施率を向上させる。";
        var text = string.Concat(Enumerable.Repeat(sentence, 600));

        var morphemes = Parser.Parse(text);

        Assert.Equal(10_200, text.Length);
        Assert.Equal(600, morphemes.Count(m => m.Surface == "特定"));
        Assert.Equal(600, morphemes.Count(m => m.Surface == "向上"));
        Assert.Equal(text.Length, morphemes[^1].EndOffset);
        Assert.All(morphemes, m => Assert.Equal(text[m.StartOffset..m.EndOffset], m.Surface));
        Assert.Equal(text, string.Concat(morphemes.Select(m => m.Surface)));
    }

    [Fact]
    public void Segment_LongLine_IsCutAfterTheLastSentenceEndWithinTheLimit()
    {
        var text = string.Concat(Enumerable.Repeat("特定保健指導の実施率を向上させる。", 600));

        Assert.Equal(
            new[] { (0, 2040), (2040, 2040), (4080, 2040), (6120, 2040), (8160, 2040) },
            MeCabParser.Segment(text));
    }

    [Fact]
    public void Segment_NoBreakAtTheLimit_DoesNotSplitASurrogatePair()
    {
        var text = new string('a', 2047) + "😀b";

        Assert.Equal(new[] { (0, 2047), (2047, 3) }, MeCabParser.Segment(text));
    }

    [Fact]
    public void Segment_ControlCharacters_EndPiecesAndAreLeftOut()
    {
        Assert.Equal(new[] { (0, 2), (4, 2), (7, 1) }, MeCabParser.Segment("保健\r\n指導\0率\n"));
    }

    [Fact]
    public void Parse_RandomText_NeverThrowsAndStaysOnTheText()
    {
        var random = new Random(20250401);
        for (var i = 0; i < 300; i++)
        {
            var text = TokenStreams.RandomText(random, random.Next(0, 400));

            var morphemes = Parser.Parse(text);

            var previousEnd = 0;
            foreach (var m in morphemes)
            {
                Assert.InRange(m.StartOffset, previousEnd, m.EndOffset - 1);
                Assert.Equal(text[m.StartOffset..m.EndOffset], m.Surface);
                previousEnd = m.EndOffset;
            }
        }
    }

    [Fact]
    public void Parse_LongRandomTextAndUnbrokenRuns_CutIntoPiecesWithoutLosingText()
    {
        var random = new Random(5);
        foreach (var text in new[] { TokenStreams.RandomText(random, 12_000), new string('健', 10_000), string.Concat(Enumerable.Repeat("😀", 6_000)) })
        {
            var morphemes = Parser.Parse(text);

            Assert.All(morphemes, m => Assert.Equal(text[m.StartOffset..m.EndOffset], m.Surface));
            Assert.Equal(
                text.Where(c => !char.IsControl(c) && c != ' ').Count(),
                morphemes.Sum(m => m.Surface.Count(c => c != ' ')));
        }
    }

    [Fact]
    public void Parse_CorpusText_AgreesWithTheMeCabCommand()
    {
        var lines = CorpusLines();
        var expected = RunMeCabCommand(lines);

        Assert.Equal(lines.Length, expected.Count);
        Assert.True(expected.Sum(e => e.Length) > 5000, "the excerpt should give thousands of morphemes");
        for (var i = 0; i < lines.Length; i++)
        {
            var actual = Parser.Parse(lines[i]).Select(m => $"{m.Surface}\t{m.BaseForm ?? "*"}");
            Assert.Equal(expected[i], actual);
        }
    }

    [Fact]
    public void Parse_ConcurrentThreads_GiveTheSameMorphemesAsOneThread()
    {
        var lines = CorpusLines();
        var sequential = lines.Select(l => Parser.Parse(l)).ToArray();
        var parallel = new IReadOnlyList<Morpheme>[lines.Length];

        Parallel.For(0, lines.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Parser.Parse(lines[i]));

        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }
    }

    [Fact]
    public void Shared_IsLoadedOnce()
    {
        Assert.Same(MeCabParser.Shared, MeCabParser.Shared);
    }

    [Fact]
    public void Load_MissingDictionary_ThrowsWithTheInstallCommand()
    {
        var ex = Assert.Throws<MeCabUnavailableException>(() => MeCabParser.Load("/nonexistent/mecab-dic"));

        Assert.StartsWith("MeCab を読み込めません。辞書を開けません（/nonexistent/mecab-dic）", ex.Message);
        Assert.Contains("sudo apt-get install mecab libmecab2 mecab-ipadic-utf8", ex.Message);
    }

    [Fact]
    public void Load_DictionaryPathWithSpace_Throws()
    {
        var ex = Assert.Throws<MeCabUnavailableException>(() => MeCabParser.Load("/tmp/my dic"));

        Assert.Equal("辞書のパスに空白を含められません（/tmp/my dic）。", ex.Reason);
    }

    private static string[] CorpusLines() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "akita-plan-excerpt.txt")).Skip(1)];

    /// <summary>Runs the mecab command over the lines; one list of "surface\tbase form" per input line.</summary>
    private static List<string[]> RunMeCabCommand(string[] lines)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo("mecab", ["-d", MeCabParser.IpadicUtf8Directory])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        foreach (var line in lines)
        {
            process.StandardInput.Write(line + "\n");
        }

        process.StandardInput.Close();
        var text = output.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);

        var sentences = new List<string[]>();
        var current = new List<string>();
        foreach (var row in text.Split('\n'))
        {
            if (row == "EOS")
            {
                sentences.Add([.. current]);
                current.Clear();
            }
            else if (row.Length > 0)
            {
                var tab = row.IndexOf('\t');
                var feature = row[(tab + 1)..].Split(',');
                current.Add($"{row[..tab]}\t{(feature.Length > 6 ? feature[6] : "*")}");
            }
        }

        return sentences;
    }
}
