using KenpoBot.Search.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace KenpoBot.Search.Tests.Analysis.TokenAttributes;

public sealed class BaseFormAttributeTests
{
    [Fact]
    public void AddAttribute_ResolvesTheInterfaceToThisImplementation()
    {
        Assert.IsType<BaseFormAttribute>(new AttributeSource().AddAttribute<IBaseFormAttribute>());
    }

    [Fact]
    public void CopyTo_CopiesTheBaseForm()
    {
        var source = new BaseFormAttribute { BaseForm = "走る" };
        var target = new BaseFormAttribute();

        source.CopyTo(target);

        Assert.Equal("走る", target.BaseForm);
    }

    [Fact]
    public void Clear_ResetsToNull()
    {
        var attribute = new BaseFormAttribute { BaseForm = "走る" };

        attribute.Clear();

        Assert.Null(attribute.BaseForm);
    }

    [Fact]
    public void ReflectAsString_NamesTheBaseForm()
    {
        Assert.Equal("baseForm=走る", new BaseFormAttribute { BaseForm = "走る" }.ReflectAsString(false));
    }
}
