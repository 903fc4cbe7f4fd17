using System.Text.RegularExpressions;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;

namespace KenpoBot.Assistant.Llm;

/// <summary>
/// The answer of a model turn, grounded in the tools the model itself called: its citations come from the passages, terms
/// and KPIs those tools returned, its KPI evaluations are theirs, and its intent is the question's as the reader reads it.
/// </summary>
public sealed partial class ModelAnswerComposer(AnswerComposer composer)
{
    private const int MaxPassages = 4;

    public Answer Compose(string question, QuestionFrame frame, LlmReply reply)
    {
        var results = reply.ToolResults;
        var term = results.OfType<TermLookup>().FirstOrDefault(t => t.Found)?.Entry;
        var evaluations = Evaluations(results);
        var statuses = results.OfType<ScopeStatus>().ToList();
        // The glossary card needs the term; without one the answer is a document answer.
        var intent = frame.Intent == Intent.Glossary && term is null ? Intent.Search : frame.Intent;
        var citations = Passages(results, reply.Text).Select(p => composer.Cite(p))
            .Concat(term is null ? [] : composer.Glossary(question, term, []).Citations)
            .Concat(evaluations.Count == 0 ? [] : composer.KpiList(question, intent, "", evaluations, []).Citations)
            .DistinctBy(c => (c.DocumentId, c.Section))
            .ToList();
        return new Answer(question, intent, reply.Text, citations, evaluations, reply.ToolCalls)
        {
            Term = term,
            Summary = statuses.Count == 1 ? statuses[0].Summary : null,
            Frame = frame,
            Suggestions = term is not null ? [.. term.Related.Take(3).Select(r => $"{r}とは？")] : AnswerComposer.DefaultSuggestions,
            ByModel = true,
        };
    }

    /// <summary>What the conversation remembers after a model answer: the question's subject, else what it had.</summary>
    public static ConversationContext? Remember(QuestionFrame frame, Answer answer, ConversationContext? previous)
    {
        if (frame.Scopes.Count == 0 && frame.Years.Count == 0 && frame.Metrics.Count == 0 && frame.Plan is null)
            return previous is null ? null : previous with { LastAnswer = answer.Text };
        return new ConversationContext(answer.Intent, frame.Scopes.Count > 0 ? frame.Scopes[0].Name : null, frame.Years.Count > 0 ? frame.Years[0] : null,
            frame.Metrics.FirstOrDefault(), frame.Plan)
        {
            Scopes = [.. frame.Scopes.Select(s => s.Name)],
            Metrics = frame.Metrics,
            LastAnswer = answer.Text,
        };
    }

    /// <summary>Every KPI evaluation the tools returned, once each, in order.</summary>
    private static List<KpiEvaluationView> Evaluations(IEnumerable<object?> results) => results
        .SelectMany(r => r switch
        {
            KpiEvaluationView view => [view],
            ScopeStatus status => status.Kpis,
            IEnumerable<KpiEvaluationView> views => views,
            _ => [],
        })
        .DistinctBy(v => (v.KpiId, v.FiscalYear, v.Actual, v.Status))
        .ToList();

    /// <summary>The passages the answer names by heading, else by document title, else the first few returned.</summary>
    private static IEnumerable<PlanPassage> Passages(IEnumerable<object?> results, string text)
    {
        var passages = results
            .SelectMany(r => r switch
            {
                PlanPassage passage => [passage],
                IEnumerable<PlanPassage> list => list,
                _ => [],
            })
            .DistinctBy(p => (p.DocumentId, p.Section))
            .ToList();
        var byHeading = passages.Where(p => text.Contains(LastHeading(p.Section), StringComparison.Ordinal)).ToList();
        var byTitle = passages.Where(p => text.Contains(p.DocumentTitle, StringComparison.Ordinal)).ToList();
        return (byHeading.Count > 0 ? byHeading : byTitle.Count > 0 ? byTitle : passages).Take(MaxPassages);
    }

    /// <summary>The last heading without its numbering (「⑤ 債権管理…」 is named as 「債権管理…」); never empty.</summary>
    private static string LastHeading(string path) =>
        Numbering().Replace(path.Split(" > ").LastOrDefault() ?? "", "") is { Length: > 1 } heading ? heading : "\u0000";

    [GeneratedRegex(@"^[\s\p{No}\p{Nd}\p{Nl}IVX()（）.．、]+")]
    private static partial Regex Numbering();
}
