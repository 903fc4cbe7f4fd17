using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace KenpoBot.Search.Tests.Analysis.TokenAttributes;

public sealed class ReadingAttributeTests
{
    [Fact]
    public void AddAttribute_ResolvesTheInterfaceToThisImplementation()
    {
        Assert.IsType<ReadingAttribute>(new AttributeSource().AddAttribute<IReadingAttribute>());
    }

    [Fact]
    public void CopyTo_CopiesReadingAndPronunciation()
    {
        var source = new ReadingAttribute { Reading = "シドウ", Pronunciation = "シドー" };
        var target = new ReadingAttribute();

        source.CopyTo(target);

        Assert.Equal(("シドウ", "シドー"), (target.Reading, target.Pronunciation));
    }

    [Fact]
    public void Clear_ResetsBothToNull()
    {
        var attribute = new ReadingAttribute { Reading = "シドウ", Pronunciation = "シドー" };

        attribute.Clear();

        Assert.Equal((null, null), (attribute.Reading, attribute.Pronunciation));
    }

    [Fact]
    public void ReflectAsString_NamesReadingAndPronunciation()
    {
        Assert.Equal(
            "reading=シドウ,pronunciation=シドー",
            new ReadingAttribute { Reading = "シドウ", Pronunciation = "シドー" }.ReflectAsString(false));
    }
}
