using KenpoBot.Search.Analysis;
using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Search.Tests.Support;

/// <summary>Runs analyzers and token streams the way Lucene consumes them: Reset, IncrementToken…, End, Dispose.</summary>
internal static class TokenStreams
{
    public static Analyzer Tokenizer() =>
        Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new MeCabTokenizer(reader)));

    public static Analyzer TokenizerWith(Func<TokenStream, TokenStream> filter) =>
        Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new MeCabTokenizer(reader);
            return new TokenStreamComponents(tokenizer, filter(tokenizer));
        });

    public static Analyzer WhitespaceWith(Func<TokenStream, TokenStream> filter) =>
        Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new Lucene.Net.Analysis.Core.WhitespaceTokenizer(JapaneseAnalyzer.MatchVersion, reader);
            return new TokenStreamComponents(tokenizer, filter(tokenizer));
        });

    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string text) =>
        Analyze(analyzer, text, out _);

    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string text, out int finalOffset)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new AnalyzedToken(term.ToString(), offset.StartOffset, offset.EndOffset, increment.PositionIncrement));
        }

        stream.End();
        finalOffset = offset.EndOffset;
        return tokens;
    }

    public static string[] Terms(Analyzer analyzer, string text) => [.. Analyze(analyzer, text).Select(t => t.Term)];

    /// <summary>Part of speech, base form and reading of each token, as "term|pos|base|reading".</summary>
    public static string[] Attributes(Analyzer analyzer, string text)
    {
        var rows = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var pos = stream.AddAttribute<IPartOfSpeechAttribute>();
        var baseForm = stream.AddAttribute<IBaseFormAttribute>();
        var reading = stream.AddAttribute<IReadingAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            rows.Add($"{term}|{pos.PartOfSpeech}|{baseForm.BaseForm}|{reading.Reading}");
        }

        stream.End();
        return [.. rows];
    }

    /// <summary>Random text over ASCII, kana, kanji, full-width forms, emoji, controls and lone surrogates.</summary>
    public static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(9) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0x3041, 0x3097),
                2 => (char)random.Next(0x30A1, 0x30FD),
                3 => (char)random.Next(0x4E00, 0x9FA0),
                4 => (char)random.Next(0xFF01, 0xFF9F),
                5 => (char)random.Next(0x00, 0x20),
                6 => (char)random.Next(0xD800, 0xE000),
                7 => "0123456789.,．，"[random.Next(14)],
                _ => (char)random.Next(0x2000, 0x3040),
            };
        }

        var text = new string(chars);
        return random.Next(4) == 0 ? text + "😀👨‍👩‍👧" : text;
    }
}
