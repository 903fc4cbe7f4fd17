using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「返納金債権とは？」「その言葉の意味は？」: a term's meaning from the glossary; a term of the last answer when none is named.</summary>
public sealed class GlossaryHandler(AnswerComposer compose, TermFinder terms, DocumentHandler documents) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Glossary];

    /// <summary>
    /// 「その言葉」: the glossary term of the last answer's first line that stands nearest to what was asked (in 「…その回収には
    /// 保険者間調整が有効な手段とされる」 asked about 有効な手段, 保険者間調整), else its first term.
    /// </summary>
    private string? Referred(string? lastAnswer, string? subject)
    {
        var line = (lastAnswer ?? "").Split('\n')[0];
        var found = terms.AllIn(line);
        if (found.Count == 0) return null;
        var asked = (subject ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => line.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).ToList();
        if (asked.Count == 0) return found[0].Term;
        return found.MinBy(e => asked.Min(a => Math.Abs(line.IndexOf(e.Term, StringComparison.Ordinal) is var at and >= 0 ? at + e.Term.Length - a : int.MaxValue / 2)))!.Term;
    }

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var term = turn.Frame.Term?.Term ?? Referred(turn.Previous?.LastAnswer, turn.Previous?.Subject);
        if (term is null) return await documents.HandleAsync(turn, ct);
        var lookup = await turn.CallAsync<TermLookup>(GlossaryPlugin.Name, "lookup_term", new() { ["term"] = term }, ct);
        if (lookup is not { Found: true, Entry: { } entry }) return await documents.HandleAsync(turn, ct);
        var answer = compose.Glossary(turn.Question, entry, turn.Calls);
        var context = turn.Previous is null ? null : turn.Previous with { LastAnswer = answer.Text, Subject = entry.Term };
        return new Reply(answer, context);
    }
}
