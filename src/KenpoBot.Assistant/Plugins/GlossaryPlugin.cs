using System.ComponentModel;
using KenpoBot.Assistant.Understanding;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Plugins;

/// <summary>Looks up the glossary (用語集). Read-only.</summary>
public sealed class GlossaryPlugin(TermFinder terms)
{
    public const string Name = "Glossary";

    [KernelFunction("lookup_term")]
    [Description("用語の意味を用語集で調べる（完全一致、同義語・略語、読み、質問に含まれる用語、または誤字のある用語）。「〜とは」「〜って何」の質問に使う。")]
    public TermLookup LookupTerm([Description("調べる用語、または用語を含む質問")] string term)
    {
        var (entry, matchedBy) = terms.Find(term ?? "");
        return entry is null ? new TermLookup(false, "", null) : new TermLookup(true, matchedBy, entry);
    }
}
