using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace KenpoBot.Search.Analysis;

/// <summary>
/// Removes tokens whose whole part-of-speech tag is in the stop set (助詞-格助詞-一般, 記号-句点…), leaving a
/// position gap. Tokens without a part of speech are kept.
/// </summary>
public sealed class JapanesePartOfSpeechStopFilter : FilteringTokenFilter
{
    private readonly IReadOnlySet<string> stopTags;
    private readonly IPartOfSpeechAttribute posAtt;

    /// <param name="stopTags">Full tags to remove; see <see cref="JapaneseStopSets.StopTags"/>.</param>
    public JapanesePartOfSpeechStopFilter(LuceneVersion matchVersion, TokenStream input, IReadOnlySet<string> stopTags)
        : base(matchVersion, input)
    {
        this.stopTags = stopTags;
        posAtt = AddAttribute<IPartOfSpeechAttribute>();
    }

    protected override bool Accept() => posAtt.PartOfSpeech is not { } pos || !stopTags.Contains(pos);
}
