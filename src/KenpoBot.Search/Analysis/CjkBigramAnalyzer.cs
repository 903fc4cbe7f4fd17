using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// Overlapping character bigrams of Japanese text, for a sub-field that still matches where MeCab segments a
/// query and a document differently (特定健診 vs 特定 / 健診). The Unicode word rules of
/// <see cref="StandardTokenizer"/> keep numbers whole (38.5, 1,780, ８４．５), and NFKC then folds widths.
/// </summary>
public sealed class CjkBigramAnalyzer : Analyzer
{
    private const CJKScript Scripts = CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL;

    private readonly bool outputUnigrams;

    /// <param name="outputUnigrams">Also emit single characters, so a one-character query still matches.</param>
    public CjkBigramAnalyzer(bool outputUnigrams = false)
    {
        this.outputUnigrams = outputUnigrams;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(JapaneseAnalyzer.MatchVersion, reader);
        TokenStream stream = new NfkcFilter(tokenizer);
        stream = new LowerCaseFilter(JapaneseAnalyzer.MatchVersion, stream);
        stream = new CJKBigramFilter(stream, Scripts, outputUnigrams);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
