using Lucene.Net.Util;
using Attribute = Lucene.Net.Util.Attribute;

namespace KenpoBot.Search.Analysis.TokenAttributes;

/// <summary>Default implementation of <see cref="IPartOfSpeechAttribute"/>.</summary>
public sealed class PartOfSpeechAttribute : Attribute, IPartOfSpeechAttribute
{
    public string? PartOfSpeech { get; set; }

    public override void Clear() => PartOfSpeech = null;

    public override void CopyTo(IAttribute target) => ((IPartOfSpeechAttribute)target).PartOfSpeech = PartOfSpeech;

    public override void ReflectWith(IAttributeReflector reflector) =>
        reflector.Reflect<IPartOfSpeechAttribute>("partOfSpeech", PartOfSpeech);
}
