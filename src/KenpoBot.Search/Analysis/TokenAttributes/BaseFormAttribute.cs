using Lucene.Net.Util;
using Attribute = Lucene.Net.Util.Attribute;

namespace KenpoBot.Search.Analysis.TokenAttributes;

/// <summary>Default implementation of <see cref="IBaseFormAttribute"/>.</summary>
public sealed class BaseFormAttribute : Attribute, IBaseFormAttribute
{
    public string? BaseForm { get; set; }

    public override void Clear() => BaseForm = null;

    public override void CopyTo(IAttribute target) => ((IBaseFormAttribute)target).BaseForm = BaseForm;

    public override void ReflectWith(IAttributeReflector reflector) =>
        reflector.Reflect<IBaseFormAttribute>("baseForm", BaseForm);
}
