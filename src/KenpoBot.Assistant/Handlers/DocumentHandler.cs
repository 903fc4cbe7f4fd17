using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// What the plan documents say (「電子申請はいつ導入されますか」「第6期で廃止された施策は」): search, then the sentences that answer.
/// A question the documents do not answer gets 「資料には記載がありません」 and no citation.
/// </summary>
public sealed class DocumentHandler(AnswerComposer compose, SentencePicker picker, MetricResolver metrics, KnowledgeBase knowledge, QuestionReader reader) : IIntentHandler
{
    private string? currentPlan => knowledge.Documents
        .FirstOrDefault(d => d.Kind == DocumentKind.ActionPlan && d.Plan is not null && d.FiscalYears.Contains(reader.CurrentFiscalYear))?.Plan;

    public IReadOnlyList<Intent> Intents { get; } = [Intent.Search, Intent.OutOfScope];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        // A branch or an action plan the documents do not have: say so rather than answer from another's text.
        if ((f.Plan is { } plan && knowledge.Documents.All(d => d.Plan != plan))
            || (f.Region is null && f.Scopes.Count > 0 && f.Scopes.All(s => !s.IsAssociation && knowledge.Documents.All(d => d.Scope != s) && knowledge.Kpis.All(k => k.Scope != s))))
            return new Reply(AnswerComposer.NotInDocuments(turn.Question, turn.Calls), null);
        var subject = f.IsFollowUp ? turn.Previous?.Subject : null;
        var asked = string.Join(" ", new[] { subject, f.Text }.Where(p => !string.IsNullOrEmpty(p)));
        // A KPI named by a short name (柔整) is searched by its full name too.
        var names = f.Inherited.Contains("metric") ? "" : string.Join(" ", metrics.Find(f.Text).Where(m => f.Metrics.Contains(m.Metric) && m.Name.Length <= 3)
            .Select(m => metrics.DisplayName(m.Metric)).Distinct());
        var query = names.Length == 0 ? asked : $"{asked} {names}";
        var hits = await SearchAsync(turn, query, f, ct);
        var relevant = compose.Relevant(asked, hits);
        if (relevant.Count == 0) return new Reply(AnswerComposer.NotInDocuments(turn.Question, turn.Calls), null);

        var want = SentencePicker.WantOf(f);
        // For a number or a date, the sentences that give one come first.
        var sentences = picker.Pick(f, asked, relevant, take: 8)
            .OrderByDescending(s => want is SentencePicker.Want.Number or SentencePicker.Want.Date && SentencePicker.Answers(want, f.Topic, s.Text))
            .Take(3).ToList();
        // A question for a number or a date that no sentence answers with one is not answered by the documents.
        if (want is SentencePicker.Want.Number or SentencePicker.Want.Date && !sentences.Any(s => SentencePicker.Answers(want, f.Topic, s.Text)))
            return new Reply(AnswerComposer.NotInDocuments(turn.Question, turn.Calls), null);
        var answer = compose.Document(turn.Question, sentences, relevant, turn.Calls);
        var context = (turn.Previous ?? new Conversation.ConversationContext(Intent.Search, null, null, null, null)) with
        {
            Intent = Intent.Search,
            LastAnswer = answer.Text,
            Subject = f.Topic.Length > 0 ? f.Topic : subject,
        };
        return new Reply(answer, context);
    }

    /// <summary>
    /// The question as asked; with a plan named (第5期の…), its own passages first, since body text rarely repeats the plan's name.
    /// A question about what changed between plans searches all of them.
    /// </summary>
    private async Task<IReadOnlyList<PlanPassage>> SearchAsync(Turn turn, string query, QuestionFrame f, CancellationToken ct)
    {
        var hits = (await turn.CallAsync<IReadOnlyList<PlanPassage>>(KnowledgePlugin.Name, "search_plans", new() { ["query"] = query, ["top"] = 6 }, ct) ?? []).ToList();
        // 「今も続いてる？」 asks about the plan in force now.
        var plan = f.Plan ?? (f.Has(Asks.StillOngoing) ? currentPlan : null);
        if (plan is null || f.Topic.Length == 0) return hits;
        var planHits = await turn.CallAsync<IReadOnlyList<PlanPassage>>(KnowledgePlugin.Name, "search_plans",
            new() { ["query"] = query, ["plan"] = plan, ["top"] = 5 }, ct) ?? [];
        return f.Has(Asks.Change) && f.Plan is not null
            ? [.. hits, .. planHits.Where(p => hits.All(h => h.Id != p.Id))]
            : [.. planHits, .. hits.Where(h => planHits.All(p => p.Id != h.Id))];
    }
}
