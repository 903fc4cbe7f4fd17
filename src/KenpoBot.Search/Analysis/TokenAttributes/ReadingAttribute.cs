using Lucene.Net.Util;
using Attribute = Lucene.Net.Util.Attribute;

namespace KenpoBot.Search.Analysis.TokenAttributes;

/// <summary>Default implementation of <see cref="IReadingAttribute"/>.</summary>
public sealed class ReadingAttribute : Attribute, IReadingAttribute
{
    public string? Reading { get; set; }

    public string? Pronunciation { get; set; }

    public override void Clear()
    {
        Reading = null;
        Pronunciation = null;
    }

    public override void CopyTo(IAttribute target)
    {
        var other = (IReadingAttribute)target;
        other.Reading = Reading;
        other.Pronunciation = Pronunciation;
    }

    public override void ReflectWith(IAttributeReflector reflector)
    {
        reflector.Reflect<IReadingAttribute>("reading", Reading);
        reflector.Reflect<IReadingAttribute>("pronunciation", Pronunciation);
    }
}
