using Lucene.Net.Util;

namespace KenpoBot.Search.Analysis.TokenAttributes;

/// <summary>The IPADIC part of speech of a token, levels joined with '-' (名詞-数, 助詞-格助詞-一般).</summary>
public interface IPartOfSpeechAttribute : IAttribute
{
    string? PartOfSpeech { get; set; }
}
