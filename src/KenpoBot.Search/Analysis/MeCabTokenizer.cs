using System.Globalization;
using System.Text;
using KenpoBot.Search.Analysis.MeCab;
using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// Splits Japanese text into MeCab morphemes with exact UTF-16 offsets, setting part of speech, base form and
/// reading. Numbers that MeCab cuts apart (38 / . / 5, 1 / , / 780, ８ / ４ / ． / ５) are merged back into one
/// token. Tokens made only of white space, control or format characters are dropped; punctuation and symbols are
/// kept for <see cref="JapanesePartOfSpeechStopFilter"/> to remove.
/// </summary>
/// <remarks>
/// IPADIC lists only full-width symbols, so MeCab tags unknown ASCII ones (, . ( ) / :) as 名詞-サ変接続, and groups
/// a run of them into one token ("%)", "%。"). Such runs are split into one token per symbol, tagged 記号-一般 as
/// their full-width forms are, except % and ％, which are tagged as IPADIC tags a lone ％ (名詞-接尾-助数詞), so
/// that 38.5%), (３８．５％) and （３８．５％） give the same tokens.
/// </remarks>
public sealed class MeCabTokenizer : Tokenizer
{
    /// <summary>The part of speech given to merged numbers, as IPADIC tags a single number.</summary>
    public const string NumberPartOfSpeech = "名詞-数";

    /// <summary>The part of speech given to unknown punctuation and symbols.</summary>
    public const string SymbolPartOfSpeech = "記号-一般";

    private const string PercentPartOfSpeech = "名詞-接尾-助数詞";
    private const string PercentReading = "パーセント";

    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly IPartOfSpeechAttribute posAtt;
    private readonly IBaseFormAttribute baseFormAtt;
    private readonly IReadingAttribute readingAtt;
    private readonly List<Morpheme> morphemes = [];
    private readonly List<Morpheme> merged = [];
    private readonly List<Morpheme> tokens = [];
    private MeCabParser? parser;
    private string text = string.Empty;
    private int next;

    /// <param name="input">The text to split.</param>
    /// <param name="parser">The parser to use; null means <see cref="MeCabParser.Shared"/>, loaded on first use.</param>
    public MeCabTokenizer(TextReader input, MeCabParser? parser = null)
        : base(input)
    {
        this.parser = parser;
        termAtt = AddAttribute<ICharTermAttribute>();
        offsetAtt = AddAttribute<IOffsetAttribute>();
        posAtt = AddAttribute<IPartOfSpeechAttribute>();
        baseFormAtt = AddAttribute<IBaseFormAttribute>();
        readingAtt = AddAttribute<IReadingAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        text = ReadAll(m_input);
        morphemes.Clear();
        merged.Clear();
        tokens.Clear();
        next = 0;
        parser ??= MeCabParser.Shared;
        parser.Parse(text, morphemes);
        MergeNumbers(text, morphemes, merged);
        foreach (var token in merged)
        {
            if (IsBlank(token.Surface))
            {
                continue;
            }

            if (token.IsUnknown && IsSymbols(token.Surface))
            {
                SplitSymbols(token, tokens);
            }
            else
            {
                tokens.Add(token);
            }
        }
    }

    public override bool IncrementToken()
    {
        if (next >= tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var token = tokens[next++];
        termAtt.SetEmpty().Append(token.Surface);
        offsetAtt.SetOffset(CorrectOffset(token.StartOffset), CorrectOffset(token.EndOffset));
        posAtt.PartOfSpeech = token.PartOfSpeech;
        baseFormAtt.BaseForm = token.BaseForm;
        readingAtt.Reading = token.Reading;
        readingAtt.Pronunciation = token.Pronunciation;
        return true;
    }

    public override void End()
    {
        base.End();
        var finalOffset = CorrectOffset(text.Length);
        offsetAtt.SetOffset(finalOffset, finalOffset);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            text = string.Empty;
            morphemes.Clear();
            merged.Clear();
            tokens.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads with Read(char[]) rather than ReadToEnd, which Lucene's reusable string reader answers with null for "".</summary>
    private static string ReadAll(TextReader reader)
    {
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="output"/>, joining touching runs of the shape
    /// digits ( [.．] digits | [,，] ddd )* into one number token.
    /// </summary>
    internal static void MergeNumbers(string text, List<Morpheme> input, List<Morpheme> output)
    {
        var i = 0;
        while (i < input.Count)
        {
            if (!IsDigits(input[i].Surface))
            {
                output.Add(input[i++]);
                continue;
            }

            var last = i + DigitRun(input, i, out _) - 1;
            while (last + 2 < input.Count && Touches(input[last], input[last + 1]) && Touches(input[last + 1], input[last + 2]))
            {
                var separator = input[last + 1].Surface;
                var pieces = DigitRun(input, last + 2, out var digits);
                var joins = separator switch
                {
                    "." or "．" => pieces > 0,
                    "," or "，" => pieces > 0 && digits == 3,
                    _ => false,
                };
                if (!joins)
                {
                    break;
                }

                last += 1 + pieces;
            }

            if (last == i)
            {
                output.Add(input[i++]);
                continue;
            }

            var start = input[i].StartOffset;
            var end = input[last].EndOffset;
            var unknown = input.Skip(i).Take(last - i + 1).Any(m => m.IsUnknown);
            output.Add(new Morpheme(text[start..end], start, end, NumberPartOfSpeech, null, null, null, unknown));
            i = last + 1;
        }
    }

    /// <summary>How many touching digit-only morphemes start at <paramref name="from"/>, and their digit count.</summary>
    private static int DigitRun(List<Morpheme> input, int from, out int digits)
    {
        digits = 0;
        var count = 0;
        while (from + count < input.Count
            && IsDigits(input[from + count].Surface)
            && (count == 0 || Touches(input[from + count - 1], input[from + count])))
        {
            digits += input[from + count].Surface.Length;
            count++;
        }

        return count;
    }

    /// <summary>Adds one token per symbol of an unknown symbol run, tagged as IPADIC tags the full-width symbol.</summary>
    private static void SplitSymbols(Morpheme run, List<Morpheme> output)
    {
        var at = 0;
        while (at < run.Surface.Length)
        {
            // Length of the code point, 1 for a lone surrogate, which stays in the term as it was in the text.
            Rune.DecodeFromUtf16(run.Surface.AsSpan(at), out _, out var length);
            var surface = run.Surface.Substring(at, length);
            var start = run.StartOffset + at;
            var token = new Morpheme(surface, start, start + length, SymbolPartOfSpeech, null, null, null, IsUnknown: true);
            output.Add(surface is "%" or "％"
                ? token with { PartOfSpeech = PercentPartOfSpeech, Reading = PercentReading, Pronunciation = PercentReading }
                : token);
            at += length;
        }
    }

    private static bool IsSymbols(string surface)
    {
        foreach (var rune in surface.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
                    or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                    or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                    or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
                    or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool Touches(Morpheme left, Morpheme right) => left.EndOffset == right.StartOffset;

    private static bool IsDigits(string surface) =>
        surface.Length > 0 && surface.All(c => c is (>= '0' and <= '9') or (>= '０' and <= '９'));

    private static bool IsBlank(string surface) =>
        surface.All(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
