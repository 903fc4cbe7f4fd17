using Lucene.Net.Util;

namespace KenpoBot.Search.Analysis.TokenAttributes;

/// <summary>The dictionary form (原形) of an inflected token, 走っ → 走る; null when the token is its own base form or unknown.</summary>
public interface IBaseFormAttribute : IAttribute
{
    string? BaseForm { get; set; }
}
