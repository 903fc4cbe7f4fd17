using KenpoBot.Assistant.Planning;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;

namespace KenpoBot.Assistant.Handlers;

/// <summary>
/// 「重症化予防のKPIが「対前年度以上」になっているのはなぜですか？」: the reason the documents give. For a KPI, the plan's own
/// rationale (KPI一覧表の考え方, 重要度・困難度) comes first; otherwise, the sentences that give reasons.
/// </summary>
public sealed class WhyHandler(KnowledgeBase knowledge, KpiQueries kpis, DocumentHandler documents) : IIntentHandler
{
    public IReadOnlyList<Intent> Intents { get; } = [Intent.Why];

    public async Task<Reply> HandleAsync(Turn turn, CancellationToken ct)
    {
        var f = turn.Frame;
        if (f.Plan is null && f.Metrics.SelectMany(m => kpis.Definitions(m, KpiQueries.ScopeOf(f), f.Year, null)).FirstOrDefault(k => Rationale(k.QuotedNote) is not null) is { } kpi)
        {
            var view = await turn.CallAsync<KpiEvaluationView>(KpiPlugin.Name, "evaluate_kpi", new() { ["kpiId"] = kpi.Id }, ct);
            var section = knowledge.FindSection(kpi.SectionReference)!;
            var document = knowledge.FindDocument(kpi.DocumentId)!;
            var text = $"{Rationale(kpi.QuotedNote)}（{document.Title}の「{kpi.MetricName}」の KPI「{kpi.Wording}」について）";
            var citation = new Citation(document.Id, document.Title, string.Join(" > ", section.HeadingPath), document.FiscalYears.ToString(),
                document.Scope.DisplayName, kpi.QuotedNote.Length > 300 ? kpi.QuotedNote[..300] + "…" : kpi.QuotedNote);
            return new Reply(new Answer(turn.Question, Intent.Why, text, [citation], view is null ? [] : [view], turn.Calls), null);
        }
        var reply = await documents.HandleAsync(turn, ct);
        return reply with { Answer = reply.Answer.Intent == Intent.Search ? reply.Answer with { Intent = Intent.Why } : reply.Answer };
    }

    /// <summary>The rationale part of a KPI note: 「KPI一覧表の考え方：…」 and what follows it, or the 困難度/重要度 reasons.</summary>
    private static string? Rationale(string note)
    {
        foreach (var marker in new[] { "考え方：", "考え方:", "困難度：", "重要度：" })
        {
            var at = note.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return note[(at + marker.Length)..].Trim();
        }
        return null;
    }
}
