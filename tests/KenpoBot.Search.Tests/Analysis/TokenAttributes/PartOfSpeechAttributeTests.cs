using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace KenpoBot.Search.Tests.Analysis.TokenAttributes;

public sealed class PartOfSpeechAttributeTests
{
    [Fact]
    public void AddAttribute_ResolvesTheInterfaceToThisImplementation()
    {
        Assert.IsType<PartOfSpeechAttribute>(new AttributeSource().AddAttribute<IPartOfSpeechAttribute>());
    }

    [Fact]
    public void CopyTo_CopiesTheTag()
    {
        var source = new PartOfSpeechAttribute { PartOfSpeech = "名詞-数" };
        var target = new PartOfSpeechAttribute();

        source.CopyTo(target);

        Assert.Equal("名詞-数", target.PartOfSpeech);
    }

    [Fact]
    public void Clear_ResetsToNull()
    {
        var attribute = new PartOfSpeechAttribute { PartOfSpeech = "名詞-数" };

        attribute.Clear();

        Assert.Null(attribute.PartOfSpeech);
    }

    [Fact]
    public void ReflectAsString_NamesTheTag()
    {
        Assert.Equal("partOfSpeech=助詞-格助詞-一般", new PartOfSpeechAttribute { PartOfSpeech = "助詞-格助詞-一般" }.ReflectAsString(false));
    }
}
