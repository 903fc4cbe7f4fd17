using System.ComponentModel;
using KenpoBot.Corpus;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Plugins;

/// <summary>Looks up the glossary (用語集). Read-only.</summary>
public sealed class GlossaryPlugin(KnowledgeBase knowledge)
{
    public const string Name = "Glossary";

    [KernelFunction("lookup_term")]
    [Description("用語の意味を用語集で調べる（完全一致、同義語・略語、読み、または質問に含まれる用語）。「〜とは」「〜って何」の質問に使う。")]
    public TermLookup LookupTerm([Description("調べる用語、または用語を含む質問")] string term)
    {
        var text = JapaneseYears.Normalize(term ?? "").Trim();
        if (text.Length == 0) return new TermLookup(false, "", null);
        if (knowledge.Glossary.FirstOrDefault(e => JapaneseYears.Normalize(e.Term) == text) is { } exact) return new TermLookup(true, "exact", exact);
        if (knowledge.FindTerm(text) is { } synonym) return new TermLookup(true, "synonym", synonym);
        if (knowledge.Glossary.FirstOrDefault(e => e.Reading == text) is { } reading) return new TermLookup(true, "reading", reading);
        // The longest term or synonym contained in the text: 「返納金債権って何ですか」 → 返納金債権.
        var contained = knowledge.Glossary
            .SelectMany(e => new[] { e.Term }.Concat(e.Synonyms).Select(name => (Entry: e, Name: JapaneseYears.Normalize(name))))
            .Where(p => p.Name.Length >= 2 && text.Contains(p.Name, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Name.Length)
            .FirstOrDefault();
        return contained.Entry is null ? new TermLookup(false, "", null) : new TermLookup(true, "contained", contained.Entry);
    }
}
