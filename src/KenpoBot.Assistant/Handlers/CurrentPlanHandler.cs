using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>「今は第何期？」: the action plan whose period holds the year asked about (today's fiscal year by default).</summary>
public sealed class CurrentPlanHandler(KnowledgeBase knowledge, QuestionReader reader) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.CurrentPlan];

    public Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var year = turn.Frame.Years.Count > 0 && !turn.Frame.Inherited.Contains("year") ? turn.Frame.Years[0] : reader.CurrentFiscalYear;
        var plan = knowledge.Documents.Where(d => d.Kind == DocumentKind.ActionPlan && d.Plan is not null && d.FiscalYears.Contains(year)).FirstOrDefault();
        var text = plan is null
            ? $"資料には記載がありません。{JapaneseYears.Describe(year)}を期間に含むアクションプランは資料にありません。資料にあるのは第5期（2021〜2023年度）と第6期（2024〜2026年度）です。"
            : $"{JapaneseYears.Describe(year)}は第{plan.Plan![2..]}期保険者機能強化アクションプラン（{plan.FiscalYears.From}〜{plan.FiscalYears.To}年度）の期間です。";
        var citations = plan is null ? [] : new[] { new Citation(plan.Id, plan.Title, plan.Sections[0].Heading, plan.FiscalYears.ToString(), plan.Scope.DisplayName, plan.Sections[0].Text.Length > 200 ? plan.Sections[0].Text[..200] : plan.Sections[0].Text) };
        return Task.FromResult(new Reply(new Answer(turn.Question, Intent.CurrentPlan, text, citations, [], turn.Calls), null));
    }
}
