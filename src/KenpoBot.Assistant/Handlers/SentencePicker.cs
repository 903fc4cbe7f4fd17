using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Understanding;
using KenpoBot.Corpus;
using KenpoBot.Search.Index;

namespace KenpoBot.Assistant.Handlers;

/// <summary>A sentence (or list item, or table row) of a passage, and how well it answers.</summary>
public sealed record PickedSentence(string Text, PlanPassage Passage, double Score);

/// <summary>
/// Picks the sentences that answer a document question from the passages search found: each passage is cut into sentences,
/// list items and table rows; a sentence scores by the question's content words it holds, and by holding what the question
/// type needs (a number for 何人/いくつ, a year for いつ, a reason for なぜ, a change for どう変わった, a definition for とは).
/// </summary>
public sealed partial class SentencePicker(KnowledgeBase knowledge, ContentWords words)
{
    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    [GeneratedRegex(@"(令和|平成|\d{4})\s*(元|\d{1,2})?\s*年|\d+月|年度")]
    private static partial Regex Date();

    [GeneratedRegex(@"ため|により|によって|から|理由|背景|考え方|必要|踏まえ|義務化|目的")]
    private static partial Regex Reason();

    [GeneratedRegex(@"廃止|統合|新設|変更|見直し|移行|→|名称|改め|追加|削除|拡大|開始|導入")]
    private static partial Regex Change();

    [GeneratedRegex(@"とは|をいう|のこと|という|いい、|指す")]
    private static partial Regex Definition();

    /// <summary>What kind of fact a question wants, read from its frame and text.</summary>
    public enum Want { Anything, Number, Date, Reason, Change, Definition }

    public static Want WantOf(QuestionFrame f)
    {
        var t = f.Text;
        if (f.Has(Asks.Why)) return Want.Reason;
        if (Regex.IsMatch(t, "いつ|何年|何月|時期|期限|までに|何日から|から開始")) return Want.Date;
        if (Regex.IsMatch(t, "何人|何%|何％|いくつ|いくら|何件|何事業所|どれくらい|どのくらい|何円|何倍|何ポイント|何部位|何日|(?:数|率|額|割合|件数|人数)(?:は|って)")) return Want.Number;
        if (f.Has(Asks.Change) || f.Has(Asks.StillOngoing)) return Want.Change;
        if (f.Has(Asks.Definition)) return Want.Definition;
        return Want.Anything;
    }

    public IReadOnlyList<PickedSentence> Pick(QuestionFrame frame, string query, IReadOnlyList<PlanPassage> passages, int take = 3)
    {
        var terms = words.Topic(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (terms.Count == 0) return [];
        var want = WantOf(frame);
        var yearForms = frame.Years.SelectMany(JapaneseYears.Forms).Concat(frame.Years.Select(y => $"{y}（")).Select(JapaneseYears.Normalize).ToList();
        var picked = new List<PickedSentence>();
        for (var rank = 0; rank < passages.Count; rank++)
        {
            var passage = passages[rank];
            // The lines under a heading that names what is asked (「第6期の事業運営の3つの柱」) answer it even without repeating it.
            var heading = passage.Kind == EntryKind.Section ? passage.Section.Split(" > ")[^1] : "";
            foreach (var sentence in SentencesOf(passage))
            {
                var (found, inSentence) = (0, false);
                foreach (var term in terms)
                {
                    var here = Caseless.Contains(sentence, term);
                    inSentence |= here;
                    if (here || Caseless.Contains(heading, term)) found++;
                }
                if (found == 0 || !inSentence && heading.Length == 0) continue;
                var score = (double)found / terms.Count + Bonus(want, sentence) - rank * 0.03
                    + (yearForms.Count > 0 && NamesAYear(JapaneseYears.Normalize(sentence), yearForms) ? 0.2 : 0)
                    + Fits(frame, passage)
                    // A glossary entry answers what a word means, a KPI row's footnote its KPI; other questions are answered from the plans' own sentences.
                    - (passage.Kind == EntryKind.Glossary && want != Want.Definition ? 0.15 : 0)
                    - (passage.Kind == EntryKind.Kpi ? 0.1 : 0)
                    // A plan named (第6期で廃止された施策) is best answered from that plan's own text.
                    + (knowledge.FindDocument(passage.DocumentId)?.Plan is { } plan && frame.Plans.Contains(plan) ? 0.15 : 0)
                    // The outline line of a heading (「…は、A、B、C。」) answers only when no sentence says more.
                    - (heading.Length > 0 && sentence.StartsWith(heading + "は、", StringComparison.Ordinal) ? 0.2 : 0);
                picked.Add(new PickedSentence(sentence, passage, score));
            }
        }
        return [.. picked.OrderByDescending(p => p.Score).DistinctBy(p => p.Text).Take(take)];
    }

    private static bool NamesAYear(string normalized, List<string> yearForms)
    {
        foreach (var form in yearForms)
            if (normalized.Contains(form, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// True when the sentence answers a quantity or date question: it has a number (or a date) and nearly every content word of the
    /// question's topic (all of them up to three, else three in five), so that 「健康保険料率は何%」 is not answered by a sentence on 健康保険証回収率.
    /// </summary>
    public static bool Answers(Want want, string topic, string sentence)
    {
        if (!Satisfies(want, sentence)) return false;
        var terms = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var found = terms.Count(t => Caseless.Contains(sentence, t));
        return terms.Count <= 3 ? found == terms.Count : found * 5 >= terms.Count * 3;
    }

    /// <summary>
    /// A passage of the scope and year asked about answers better than another branch's or year's: 「秋田支部の重点施策」 from
    /// Akita's plan, 「令和2年度の申請件数」 from the 2020 report.
    /// </summary>
    private static double Fits(QuestionFrame frame, PlanPassage passage)
    {
        var score = 0.0;
        if (frame.Scopes.Count > 0 && frame.Region is null)
            score += frame.Scopes.Any(s => s.Name == passage.Scope) ? 0.2 : passage.Scope != Scope.AssociationName ? -0.2 : 0;
        if (frame.Years.Count > 0 && FiscalYearRange.TryParse(passage.FiscalYears, out var years))
            score += frame.Years.Any(years.Contains) ? 0.1 : -0.1;
        return score;
    }

    /// <summary>True when the sentence has what the question type needs (a number for a quantity question…).</summary>
    public static bool Satisfies(Want want, string sentence) => want switch
    {
        Want.Number => Digit().IsMatch(WithoutYears(sentence)),
        Want.Date => Date().IsMatch(sentence),
        _ => true,
    };

    /// <summary>The sentence without its year notations (2020（令和2）年度): a year is not the number a quantity question asks for.</summary>
    private static string WithoutYears(string sentence)
    {
        var text = EraInParentheses().Replace(JapaneseYears.Normalize(sentence), "");
        foreach (var mention in JapaneseYears.Find(text).Reverse()) text = text.Remove(mention.Index, mention.Length);
        return text;
    }

    [GeneratedRegex(@"[(（](?:令和|平成)(?:\d{1,2}|元)[)）]")]
    private static partial Regex EraInParentheses();

    private static double Bonus(Want want, string sentence) => want switch
    {
        Want.Number => Digit().IsMatch(WithoutYears(sentence)) ? 0.3 : -0.5,
        Want.Date => Date().IsMatch(sentence) ? 0.3 : -0.3,
        Want.Reason => Reason().IsMatch(sentence) ? 0.25 : 0,
        Want.Change => Change().IsMatch(sentence) ? 0.25 : 0,
        Want.Definition => Definition().IsMatch(sentence) ? 0.2 : 0,
        _ => 0,
    } - (sentence.Length > 220 ? 0.1 : 0)
      // A bare heading or label (「III. 具体的施策」) names a topic; it does not answer.
      - (sentence.Length < 14 ? 0.25 : 0);

    /// <summary>
    /// A passage's sentences: those of its entry's whole text, split once per entry (the knowledge base of a generation does not
    /// change), or of its snippet when the entry is not in the knowledge base.
    /// </summary>
    private string[] SentencesOf(PlanPassage hit)
    {
        if (split.TryGetValue((hit.Kind, hit.Id), out var known)) return known;
        return FullText(hit) is { } text ? split.GetOrAdd((hit.Kind, hit.Id), [.. Sentences(text)]) : [.. Sentences(hit.Snippet)];
    }

    private readonly ConcurrentDictionary<(EntryKind Kind, string Id), string[]> split = new();

    /// <summary>The entry's whole text (a section with its outline), or null when the knowledge base has no such entry.</summary>
    private string? FullText(PlanPassage hit) => hit.Kind switch
    {
        EntryKind.Section => knowledge.FindSection(hit.Id) is { } section && knowledge.FindDocument(section.DocumentId) is { } document
            ? document.TextWithOutline(section) : null,
        EntryKind.Glossary => knowledge.FindTerm(hit.Id) is { } term ? $"{term.Term}とは、{term.Definition}" : null,
        _ => knowledge.FindKpi(hit.Id) is { } k ? $"{k.Wording}。{k.QuotedNote}" : null,
    };

    /// <summary>Sentences, list items and table rows: split at 。 and line ends; table pipes become 「／」.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| ---", StringComparison.Ordinal)) continue;
            var clean = line.StartsWith('|') ? string.Join("／", line.Trim('|').Split('|').Select(c => c.Trim()).Where(c => c.Length > 0)) : line.TrimStart('・', '-', '*', ' ', '○', '◯', '■');
            foreach (var part in clean.Split('。', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Length >= 6) yield return part.Length > 300 ? part[..300] + "…" : part + (clean.Contains('。') ? "。" : "");
            }
        }
    }
}
