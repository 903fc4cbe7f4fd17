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

    private const int MaxKeptBuffer = 1 << 16;

    private static readonly MorphemeFeatures NumberFeatures = new(NumberPartOfSpeech, null, null, null);
    private static readonly MorphemeFeatures SymbolFeatures = new(SymbolPartOfSpeech, null, null, null);
    private static readonly MorphemeFeatures PercentFeatures = new("名詞-接尾-助数詞", null, "パーセント", "パーセント");

    private readonly ICharTermAttribute termAtt;
    private readonly IOffsetAttribute offsetAtt;
    private readonly IPartOfSpeechAttribute posAtt;
    private readonly IBaseFormAttribute baseFormAtt;
    private readonly IReadingAttribute readingAtt;
    private readonly List<MorphemeSpan> morphemes = [];
    private readonly List<MorphemeSpan> merged = [];
    private readonly List<MorphemeSpan> tokens = [];
    private char[] buffer = new char[4096];
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
        text = ReadAll(m_input, ref buffer);
        morphemes.Clear();
        merged.Clear();
        tokens.Clear();
        next = 0;
        parser ??= MeCabParser.Shared;
        parser.Parse(text, morphemes);
        MergeNumbers(text, morphemes, merged);
        foreach (var token in merged)
        {
            if (IsBlank(token.Surface(text)))
            {
                continue;
            }

            if (token.IsUnknown && IsSymbols(token.Surface(text)))
            {
                SplitSymbols(text, token, tokens);
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
        var term = termAtt.ResizeBuffer(token.Length);
        token.Surface(text).CopyTo(term);
        termAtt.Length = token.Length;
        offsetAtt.SetOffset(CorrectOffset(token.StartOffset), CorrectOffset(token.EndOffset));
        var features = token.Features;
        posAtt.PartOfSpeech = features.PartOfSpeech;
        baseFormAtt.BaseForm = features.BaseForm;
        readingAtt.Reading = features.Reading;
        readingAtt.Pronunciation = features.Pronunciation;
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
    private static string ReadAll(TextReader reader, ref char[] buffer)
    {
        var length = 0;
        int read;
        while ((read = reader.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        var text = new string(buffer, 0, length);
        if (buffer.Length > MaxKeptBuffer)
        {
            buffer = new char[4096]; // one huge text does not pin its buffer for the tokenizer's life
        }

        return text;
    }

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="output"/>, joining touching runs of the shape
    /// digits ( [.．] digits | [,，] ddd )* into one number token.
    /// </summary>
    internal static void MergeNumbers(string text, List<MorphemeSpan> input, List<MorphemeSpan> output)
    {
        var i = 0;
        while (i < input.Count)
        {
            if (!IsDigits(input[i].Surface(text)))
            {
                output.Add(input[i++]);
                continue;
            }

            var last = i + DigitRun(text, input, i, out _) - 1;
            while (last + 2 < input.Count && Touches(input[last], input[last + 1]) && Touches(input[last + 1], input[last + 2]))
            {
                var separator = input[last + 1].Surface(text);
                var pieces = DigitRun(text, input, last + 2, out var digits);
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

            var unknown = false;
            for (var k = i; k <= last; k++)
            {
                unknown |= input[k].IsUnknown;
            }

            output.Add(new MorphemeSpan(input[i].StartOffset, input[last].EndOffset, NumberFeatures, unknown));
            i = last + 1;
        }
    }

    /// <summary>How many touching digit-only morphemes start at <paramref name="from"/>, and their digit count.</summary>
    private static int DigitRun(string text, List<MorphemeSpan> input, int from, out int digits)
    {
        digits = 0;
        var count = 0;
        while (from + count < input.Count
            && IsDigits(input[from + count].Surface(text))
            && (count == 0 || Touches(input[from + count - 1], input[from + count])))
        {
            digits += input[from + count].Length;
            count++;
        }

        return count;
    }

    /// <summary>Adds one token per symbol of an unknown symbol run, tagged as IPADIC tags the full-width symbol.</summary>
    private static void SplitSymbols(string text, MorphemeSpan run, List<MorphemeSpan> output)
    {
        var surface = run.Surface(text);
        var at = 0;
        while (at < surface.Length)
        {
            // Length of the code point, 1 for a lone surrogate, which stays in the term as it was in the text.
            Rune.DecodeFromUtf16(surface[at..], out _, out var length);
            var start = run.StartOffset + at;
            var features = length == 1 && (surface[at] is '%' or '％') ? PercentFeatures : SymbolFeatures;
            output.Add(new MorphemeSpan(start, start + length, features, IsUnknown: true));
            at += length;
        }
    }

    private static bool IsSymbols(ReadOnlySpan<char> surface)
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

    private static bool Touches(MorphemeSpan left, MorphemeSpan right) => left.EndOffset == right.StartOffset;

    private static bool IsDigits(ReadOnlySpan<char> surface)
    {
        foreach (var c in surface)
        {
            if (c is not ((>= '0' and <= '9') or (>= '０' and <= '９')))
            {
                return false;
            }
        }

        return surface.Length > 0;
    }

    private static bool IsBlank(ReadOnlySpan<char> surface)
    {
        foreach (var c in surface)
        {
            if (!(char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
            {
                return false;
            }
        }

        return true;
    }
}
