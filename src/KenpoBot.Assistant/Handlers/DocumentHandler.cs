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
        // 「今も続いてる？」 asks about the plan in force now.
        if (f.Plans.Count == 0 && f.Has(Asks.StillOngoing) && currentPlan is { } now) f = f with { Plan = now, Plans = [now] };
        var hits = await SearchAsync(turn, asked, f, ct);
        var relevant = compose.Relevant(asked, hits.All);
        // Passages found within a plan the question names (or the plan in force, for 今も) need only a third of its words.
        relevant = Merge(relevant, compose.Relevant(asked, hits.InPlans, share: 1.0 / 3));
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
    /// The question as asked; the full names of the KPIs it names by a short name (柔整); and, for each plan named (第5期の…),
    /// the topic within that plan, since body text rarely repeats the plan's name. A plan's own passages come first unless the
    /// question compares plans.
    /// </summary>
    private async Task<(IReadOnlyList<PlanPassage> All, IReadOnlyList<PlanPassage> InPlans)> SearchAsync(Turn turn, string query, QuestionFrame f, CancellationToken ct)
    {
        var hits = (await Search(turn, query, null, 6, ct)).ToList();
        var names = f.Inherited.Contains("metric") ? [] : f.Metrics.Select(metrics.DisplayName).Where(n => !f.Text.Contains(n, StringComparison.Ordinal)).ToList();
        if (names.Count > 0) hits = Merge(hits, await Search(turn, string.Join(" ", names), null, 3, ct));
        var topic = string.Join(" ", new[] { f.IsFollowUp ? turn.Previous?.Subject : null, f.Topic }.Where(p => !string.IsNullOrEmpty(p)));
        if (topic.Length == 0) return (hits, []);
        var planHits = new List<PlanPassage>();
        foreach (var plan in f.Plans) planHits = Merge(planHits, await Search(turn, topic, plan, 5, ct));
        return (f.Has(Asks.Change) && f.Plans.Count == 1 && !f.Has(Asks.StillOngoing) ? Merge(hits, planHits) : Merge(planHits, hits), planHits);
    }

    private static async Task<IReadOnlyList<PlanPassage>> Search(Turn turn, string query, string? plan, int top, CancellationToken ct) =>
        await turn.CallAsync<IReadOnlyList<PlanPassage>>(KnowledgePlugin.Name, "search_plans", new() { ["query"] = query, ["plan"] = plan, ["top"] = top }, ct) ?? [];

    private static List<PlanPassage> Merge(IReadOnlyList<PlanPassage> first, IReadOnlyList<PlanPassage> then) =>
        [.. first, .. then.Where(p => first.All(h => h.Id != p.Id))];
}
