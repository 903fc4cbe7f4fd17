using Lucene.Net.Util;

namespace KenpoBot.Search.Analysis.TokenAttributes;

/// <summary>The katakana reading (読み) and pronunciation (発音) of a token; null for unknown words.</summary>
public interface IReadingAttribute : IAttribute
{
    string? Reading { get; set; }

    string? Pronunciation { get; set; }
}
