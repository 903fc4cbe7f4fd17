using KenpoBot.Search.Analysis.MeCab;

namespace KenpoBot.Search.Tests.Analysis.MeCab;

public sealed class MorphemeTests
{
    [Fact]
    public void FromFeature_InflectedVerb_ReadsAllIpadicFields()
    {
        var morpheme = Morpheme.FromFeature("走っ", 11, 13, "動詞,自立,*,*,五段・ラ行,連用タ接続,走る,ハシッ,ハシッ", isUnknown: false);

        Assert.Equal(new Morpheme("走っ", 11, 13, "動詞-自立", "走る", "ハシッ", "ハシッ", IsUnknown: false), morpheme);
    }

    [Fact]
    public void FromFeature_UnknownWordWithSevenFields_HasNullBaseFormAndReading()
    {
        var morpheme = Morpheme.FromFeature("KPI", 0, 3, "名詞,固有名詞,組織,*,*,*,*", isUnknown: true);

        Assert.Equal(new Morpheme("KPI", 0, 3, "名詞-固有名詞-組織", null, null, null, IsUnknown: true), morpheme);
    }

    [Fact]
    public void FromFeature_PronunciationDiffersFromReading_KeepsBoth()
    {
        var morpheme = Morpheme.FromFeature("指導", 0, 2, "名詞,サ変接続,*,*,*,*,指導,シドウ,シドー", isUnknown: false);

        Assert.Equal(("名詞-サ変接続", "シドウ", "シドー"), (morpheme.PartOfSpeech, morpheme.Reading, morpheme.Pronunciation));
    }

    [Fact]
    public void FromFeature_QuotedFieldWithComma_StaysOneField()
    {
        var morpheme = Morpheme.FromFeature("a,b", 0, 3, "記号,一般,*,*,*,*,\"a,b\",エー,エー", isUnknown: false);

        Assert.Equal(("記号-一般", "a,b", "エー"), (morpheme.PartOfSpeech, morpheme.BaseForm, morpheme.Reading));
    }
}
