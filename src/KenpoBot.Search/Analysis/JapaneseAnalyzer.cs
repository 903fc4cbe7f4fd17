using KenpoBot.Search.Analysis.MeCab;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// Morphological analysis for Japanese: MeCab tokens → base form → part-of-speech stop → NFKC → stop words →
/// katakana stem → lower case, the order of Lucene's Kuromoji analyzer, then optional synonyms.
/// </summary>
/// <remarks>
/// Pass a <see cref="SynonymMap"/> only to the analyzer used for queries, and build it from terms analysed by an
/// analyzer without synonyms (for example with <see cref="SolrSynonymParser"/> over <c>new JapaneseAnalyzer()</c>),
/// so its entries are in the indexed form.
/// </remarks>
public sealed class JapaneseAnalyzer : Analyzer
{
    public const LuceneVersion MatchVersion = LuceneVersion.LUCENE_48;

    private readonly CharArraySet stopWords;
    private readonly IReadOnlySet<string> stopTags;
    private readonly SynonymMap? synonyms;
    private readonly MeCabParser? parser;

    /// <summary>The default stop lists of <see cref="JapaneseStopSets"/>.</summary>
    /// <param name="synonyms">Synonyms to expand at query time; null (or an empty map) for none.</param>
    public JapaneseAnalyzer(SynonymMap? synonyms = null)
        : this(JapaneseStopSets.StopWords, JapaneseStopSets.StopTags, synonyms)
    {
    }

    /// <param name="stopWords">Terms removed after NFKC.</param>
    /// <param name="stopTags">Whole part-of-speech tags removed.</param>
    /// <param name="synonyms">Synonyms to expand at query time; null (or an empty map) for none.</param>
    /// <param name="parser">The MeCab parser; null means <see cref="MeCabParser.Shared"/>, loaded on first use.</param>
    public JapaneseAnalyzer(CharArraySet stopWords, IReadOnlySet<string> stopTags, SynonymMap? synonyms = null, MeCabParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(stopWords);
        ArgumentNullException.ThrowIfNull(stopTags);
        this.stopWords = stopWords;
        this.stopTags = stopTags;
        this.synonyms = synonyms?.Fst is null ? null : synonyms;
        this.parser = parser;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new MeCabTokenizer(reader, parser);
        TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
        stream = new JapanesePartOfSpeechStopFilter(MatchVersion, stream, stopTags);
        stream = new NfkcFilter(stream);
        stream = new StopFilter(MatchVersion, stream, stopWords);
        stream = new JapaneseKatakanaStemFilter(stream);
        stream = new LowerCaseFilter(MatchVersion, stream);
        if (synonyms is not null)
        {
            stream = new SynonymFilter(stream, synonyms, ignoreCase: false);
        }

        return new TokenStreamComponents(tokenizer, stream);
    }
}
