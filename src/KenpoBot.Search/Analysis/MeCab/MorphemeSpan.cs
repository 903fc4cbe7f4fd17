namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// A morpheme as the tokenizer needs it: UTF-16 offsets into the parsed text and the shared features, with no string
/// of its own. <see cref="Morpheme"/> is the self-contained form for callers outside the analysis chain.
/// </summary>
internal readonly record struct MorphemeSpan(int StartOffset, int EndOffset, MorphemeFeatures Features, bool IsUnknown)
{
    public int Length => EndOffset - StartOffset;

    public ReadOnlySpan<char> Surface(string text) => text.AsSpan(StartOffset, Length);

    public Morpheme ToMorpheme(string text) => new(
        text.Substring(StartOffset, Length),
        StartOffset,
        EndOffset,
        Features.PartOfSpeech,
        Features.BaseForm,
        Features.Reading,
        Features.Pronunciation,
        IsUnknown);
}
