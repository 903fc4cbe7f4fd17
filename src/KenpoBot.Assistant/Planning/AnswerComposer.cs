using System.Text;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Planning;

/// <summary>
/// Turns tool results into the <see cref="Answer"/> staff read: the Japanese text, the citations and the suggestions.
/// It calls no tools; the planner decides what to call.
/// </summary>
public sealed class AnswerComposer(KnowledgeBase knowledge, ContentWords contentWords)
{
    public static readonly IReadOnlyList<string> DefaultSuggestions =
        ["返納金債権とは？", "第6期の特定保健指導のKPIは？", "秋田支部の令和5年度のKPIの達成状況は？"];

    /// <summary>The honest answer when the documents do not answer: say so, say what they cover, cite nothing.</summary>
    public static Answer NotInDocuments(string question, List<ToolCall> calls) => new(question, Intent.OutOfScope,
        "資料には記載がありません。ご質問の内容は、協会けんぽのアクションプラン・事業計画・事業報告書・支部事業計画の資料には見つかりませんでした。" +
        "資料にあるのは、保険者機能強化アクションプラン（第5期・第6期）、令和2年度事業報告書、令和3年度事業計画、岩手支部（令和2・3年度）と秋田支部（令和7年度）の事業計画、" +
        "協会全体と東北6支部の令和5年度 KPI 実績、用語集です（例: 「返納金債権とは？」「第6期の特定保健指導のKPIは？」「秋田支部の令和5年度のKPIの達成状況は？」）。",
        [], [], calls) { Suggestions = DefaultSuggestions };

    /// <summary>
    /// A document answer: the sentence that answers first, with where it stands; one or two supporting sentences; then the
    /// sources. Without sentences, the passages, short, said to be no direct answer.
    /// </summary>
    public Answer Document(string question, IReadOnlyList<Handlers.PickedSentence> sentences, IReadOnlyList<PlanPassage> relevant, List<ToolCall> calls)
    {
        var text = new StringBuilder();
        if (sentences.Count > 0)
        {
            var best = sentences[0];
            text.Append(best.Text).Append("（").Append(best.Passage.DocumentTitle).Append(" ＞ ").Append(LastHeading(best.Passage.Section)).Append("）");
            foreach (var more in sentences.Skip(1).Take(2)) text.Append("\n・").Append(more.Text);
        }
        else
        {
            text.Append("直接の答えは見つかりませんでした。関係のありそうな資料の箇所です。");
            foreach (var hit in relevant.Take(2)) text.Append("\n・").Append(hit.DocumentTitle).Append(" ＞ ").Append(LastHeading(hit.Section)).Append(": ").Append(hit.Snippet);
        }
        var used = sentences.Select(p => p.Passage).Concat(relevant).DistinctBy(p => p.Id).Take(4);
        var citations = used.Select(p => Cite(p, sentences.FirstOrDefault(s => s.Passage.Id == p.Id)?.Text)).DistinctBy(c => (c.DocumentId, c.Section)).ToList();
        return new Answer(question, Intent.Search, text.ToString().TrimEnd(), citations, [], calls) { Suggestions = DefaultSuggestions };
    }

    private static string LastHeading(string path) => path.Split(" > ").LastOrDefault() ?? path;

    /// <summary>
    /// Hits that share enough of the question's content words (by default half): below that, the corpus does not answer it.
    /// A section's snippet gains its line that holds the most question words, when the search snippet missed it.
    /// </summary>
    /// <param name="share">The share of the question's words a hit must hold: a half, or less for hits found within a plan the question names.</param>
    public List<PlanPassage> Relevant(string question, IReadOnlyList<PlanPassage> hits, double share = 0.5)
    {
        var words = contentWords.Of(question, singleKanji: false);
        if (words.Count == 0 || hits.Count == 0) return [];
        return hits
            .Select(h => (Hit: h, Found: Found(h, words)))
            .Where(p => p.Found >= share * words.Count)
            .Select(p => p.Hit.Kind == EntryKind.Section && BestLine(EntryText(p.Hit), words) is { } line && !p.Hit.Snippet.Contains(line, StringComparison.Ordinal)
                ? p.Hit with { Snippet = p.Hit.Snippet + " … " + line }
                : p.Hit)
            .Take(8)
            .ToList();
    }

    /// <summary>
    /// How many of the words the hit holds: in its entry's text, else in its snippet, section and document title (made once, and
    /// only when a word is not in the text: the snippet is highlighted when first read).
    /// </summary>
    private int Found(PlanPassage hit, IReadOnlyList<string> words)
    {
        var text = EntryText(hit);
        string? rest = null;
        var found = 0;
        foreach (var word in words)
            if (Caseless.Contains(text, word) || Caseless.Contains(rest ??= hit.Snippet + hit.Section + hit.DocumentTitle, word)) found++;
        return found;
    }

    /// <summary>The line of a section that holds the most question words, when it holds at least one.</summary>
    private static string? BestLine(string text, IReadOnlyList<string> words)
    {
        var best = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => (Line: line, Found: words.Count(w => Caseless.Contains(line, w))))
            .Where(p => p.Found > 0)
            .OrderByDescending(p => p.Found)
            .FirstOrDefault();
        return best.Line is null ? null : best.Line.Length > 200 ? best.Line[..200] + "…" : best.Line;
    }

    private string EntryText(PlanPassage hit) => hit.Kind switch
    {
        EntryKind.Section => knowledge.FindSection(hit.Id)?.Text ?? "",
        EntryKind.Glossary => knowledge.FindTerm(hit.Id)?.Definition ?? "",
        _ => knowledge.FindKpi(hit.Id) is { } k ? k.Wording + k.Measure + k.QuotedNote : "",
    };

    public Answer Glossary(string question, GlossaryEntry entry, List<ToolCall> calls)
    {
        var synonyms = entry.Synonyms.Count > 0 ? $"（別名: {string.Join("、", entry.Synonyms)}）" : "";
        var note = entry.DefinedInDocuments ? "" : "\n※資料はこの用語を定義してはいません。資料での使われ方をまとめたものです。";
        var text = $"{entry.Term}（{entry.Reading}）{synonyms}\n{entry.Definition}{note}";
        var citations = entry.Sources.Select(knowledge.FindSection).Where(s => s is not null).Select(s => CiteSection(s!, entry.Definition)).ToList();
        return new Answer(question, Intent.Glossary, text, citations, [], calls)
        {
            Term = entry,
            Suggestions = entry.Related.Take(3).Select(r => $"{r}とは？").ToList(),
        };
    }

    /// <summary>The answer sentences, then (unless <paramref name="listRows"/> is false) one line per KPI with its status and rule; cites each KPI's section.</summary>
    public Answer KpiList(string question, Intent intent, string header, IReadOnlyList<KpiEvaluationView> rows, List<ToolCall> calls, bool withStatus = true, bool listRows = true)
    {
        var text = new StringBuilder(header).Append('\n');
        var scopes = rows.Select(r => r.Scope).Distinct().Count();
        foreach (var row in listRows ? rows : [])
        {
            text.Append("・");
            if (scopes > 1) text.Append(row.Scope).Append("：");
            text.Append(row.Name);
            if (withStatus) text.Append(" → ").Append(row.Status).Append("（").Append(row.Rule).Append('）');
            else if (knowledge.FindKpi(row.KpiId) is { Baseline: { } baseline, BaselineYear: { } by }) text.Append($"（参考：{JapaneseYears.Wareki(by)}末 {baseline}）");
            text.Append('\n');
        }
        if (withStatus && listRows && rows.Count > 0) text.Append("判定規則: 目標以上で達成、達成度95%以上で概ね達成（対前年度の KPI は二択）。");
        var citations = rows.Select(r => knowledge.FindKpi(r.KpiId)).Where(k => k is not null)
            .Select(k => (Kpi: k!, Section: knowledge.FindSection(k!.SectionReference)!))
            .GroupBy(p => p.Section.Reference)
            .Select(g => CiteSection(g.First().Section, string.Join(" / ", g.Take(3).Select(p => p.Kpi.Wording))))
            .ToList();
        return new Answer(question, intent, text.ToString().TrimEnd(), citations, rows, calls) { Suggestions = DefaultSuggestions };
    }

    /// <summary>A search hit as a citation (with the sentence quoted from it, when one was).</summary>
    public Citation Cite(PlanPassage hit, string? sentence = null)
    {
        var document = knowledge.FindDocument(hit.DocumentId);
        var snippet = sentence is null || hit.Snippet.Contains(sentence, StringComparison.Ordinal) ? hit.Snippet : sentence + " … " + hit.Snippet;
        return new Citation(hit.DocumentId, hit.DocumentTitle, hit.Section, document?.FiscalYears.ToString() ?? hit.FiscalYears,
            document?.Scope.DisplayName ?? hit.Scope, snippet);
    }

    private Citation CiteSection(Section section, string snippet)
    {
        var document = knowledge.FindDocument(section.DocumentId)!;
        return new Citation(document.Id, document.Title, string.Join(" > ", section.HeadingPath), document.FiscalYears.ToString(), document.Scope.DisplayName,
            snippet.Length > 200 ? snippet[..200] + "…" : snippet);
    }

    public static Answer Help(string question, List<ToolCall> calls) => new(question, Intent.Help,
        "KenpoBot です。協会けんぽのアクションプラン・事業計画・事業報告書・支部事業計画について、用語の意味、KPI とその目標、支部の KPI 達成状況にお答えします。",
        [], [], calls) { Suggestions = DefaultSuggestions };
}
