using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「返納金債権とは？」「その言葉の意味は？」: a term's meaning from the glossary; a term of the last answer when none is named.</summary>
public sealed class GlossaryHandler(AnswerComposer compose, TermFinder terms, DocumentHandler documents) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Glossary];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var term = turn.Frame.Term?.Term ?? terms.AllIn(turn.Previous?.LastAnswer ?? "").FirstOrDefault()?.Term;
        if (term is null) return await documents.HandleAsync(turn, ct);
        var lookup = await turn.CallAsync<TermLookup>(GlossaryPlugin.Name, "lookup_term", new() { ["term"] = term }, ct);
        if (lookup is not { Found: true, Entry: { } entry }) return await documents.HandleAsync(turn, ct);
        var answer = compose.Glossary(turn.Question, entry, turn.Calls);
        var context = turn.Previous is null ? null : turn.Previous with { LastAnswer = answer.Text, Subject = entry.Term };
        return new Reply(answer, context);
    }
}
