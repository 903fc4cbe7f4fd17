namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// One morpheme of MeCab's best path, with exact UTF-16 offsets into the parsed text and the IPADIC
/// features (品詞,品詞細分類1,2,3,活用型,活用形,原形,読み,発音). Absent features ("*" or missing) are null.
/// </summary>
/// <param name="Surface">The original text between <paramref name="StartOffset"/> and <paramref name="EndOffset"/>.</param>
/// <param name="PartOfSpeech">The four POS levels joined with '-', leaving out "*": 名詞-数, 助詞-格助詞-一般.</param>
/// <param name="IsUnknown">The word is not in the dictionary (MeCab's unknown-word node).</param>
public sealed record Morpheme(
    string Surface,
    int StartOffset,
    int EndOffset,
    string PartOfSpeech,
    string? BaseForm,
    string? Reading,
    string? Pronunciation,
    bool IsUnknown)
{
    /// <summary>Builds a morpheme from MeCab's feature CSV.</summary>
    public static Morpheme FromFeature(string surface, int startOffset, int endOffset, string feature, bool isUnknown)
    {
        var features = MorphemeFeatures.FromCsv(feature);
        return new Morpheme(
            surface, startOffset, endOffset, features.PartOfSpeech, features.BaseForm, features.Reading, features.Pronunciation, isUnknown);
    }
}
