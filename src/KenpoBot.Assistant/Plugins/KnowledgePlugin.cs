using System.ComponentModel;
using KenpoBot.Assistant.Telemetry;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Plugins;

/// <summary>Full-text search over the plan documents, KPIs and glossary. Read-only.</summary>
public sealed class KnowledgePlugin(KnowledgeSearcher searcher, KnowledgeBase knowledge)
{
    public const string Name = "Knowledge";

    [KernelFunction("search_plans")]
    [Description("協会けんぽのアクションプラン・事業計画・事業報告書・支部事業計画・KPI・用語集を日本語で全文検索する。質問の答えになる箇所を探すときに使う。")]
    public IReadOnlyList<PlanPassage> SearchPlans(
        [Description("検索する日本語の質問または語句")] string query,
        [Description("絞り込む種類（Section=文書の節, Kpi, Glossary=用語）。指定しないときは null")] EntryKind? kind = null,
        [Description("絞り込む範囲: 協会全体 または 支部の県名（例: 秋田）。指定しないときは null")] string? scope = null,
        [Description("絞り込む年度（西暦、例: 2023）。指定しないときは null")] int? fiscalYear = null,
        [Description("絞り込むアクションプラン: AP5 または AP6。指定しないときは null")] string? plan = null,
        [Description("返す件数（1〜10）")] int top = 5)
    {
        var scopeName = scope is not null && Scope.TryParse(scope, out var s) ? s.Name : null;
        using var activity = KenpoTelemetry.StartSearch();
        var hits = searcher.Search(query, new SearchFilter(kind, scopeName, fiscalYear, plan), Math.Clamp(top, 1, 10));
        activity?.SetTag("kenpobot.search.hits", hits.Count);
        return hits.Select(Views.From).ToList();
    }

    [KernelFunction("open_section")]
    [Description("文書の節の本文全体を開く。reference は docId#anchor（search_plans の Id）")]
    public PlanPassage? OpenSection([Description("節の参照 docId#anchor")] string reference)
    {
        if (knowledge.FindSection(reference) is not { } section) return null;
        var document = knowledge.FindDocument(section.DocumentId)!;
        return new PlanPassage(EntryKind.Section, section.Reference, document.Id, document.Title, string.Join(" > ", section.HeadingPath),
            document.Scope.Name, document.FiscalYears.ToString(), section.Text, 1);
    }
}
