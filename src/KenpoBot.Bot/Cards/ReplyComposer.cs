using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Protocol;
using KenpoBot.Corpus;
using KenpoBot.Kpi;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// Turns an <see cref="Answer"/> into messages: fills the card templates with data and keeps every message within the
/// Teams size budget, splitting long text into leading text messages and long tables into pages.
/// </summary>
public sealed class ReplyComposer(IOptions<BotFrontEndOptions> options)
{
    public static IReadOnlyList<string> WelcomeExamples { get; } =
        ["返納金債権とは？", "第6期の特定保健指導のKPIは？", "秋田支部の令和5年度のKPIの達成状況は？"];

    public const string StatusRule =
        "目標を満たせば「達成」、満たさなくても達成度が95%以上なら「概ね達成」、それ以外は「未達成」。対前年度比と実施の有無は二択で、概ね達成はありません。必要なデータがなければ「評価不能」。";

    private static readonly string[] Capabilities =
    [
        "用語の意味を説明します（例: 返納金債権）",
        "事業計画・アクションプランの KPI と目標値を示します",
        "支部・年度ごとの KPI の達成状況を判定し、判定の根拠を示します",
        "「もし実績が○%なら」の試算や、年度・支部の比較をします",
    ];

    private const int MaxSuggestions = 5;
    private const int MaxSources = 8;
    private const int MaxButtonTitle = 40;
    private const int MaxFallbackText = 1500;

    /// <summary>Room left in each message for the activity envelope (ids, addresses, channel data).</summary>
    private const int EnvelopeReserve = 4 * 1024;

    private int Budget => options.Value.MaxReplyBytes - EnvelopeReserve;

    /// <summary>Text longer than this (UTF-16 units) is split so a chunk plus its card fits the budget.</summary>
    private int MaxTextChunk => Budget / 4;

    public IReadOnlyList<Reply> Compose(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var chunks = SplitText(answer.Text ?? "", MaxTextChunk);
        var replies = chunks.SkipLast(1).Select(c => new Reply(c, null)).ToList();
        var text = chunks[^1];
        var evaluations = answer.KpiEvaluations ?? [];

        replies.AddRange(answer.Intent switch
        {
            Intent.Glossary when answer.Term is not null => [Glossary(answer, answer.Term, text)],
            Intent.KpiStatus when evaluations.Count > 0 => KpiStatusCard(answer, text),
            Intent.WhatIf when evaluations.Count > 0 => KpiTable("WhatIfCard", "仮定による試算", answer, text, counts: null),
            Intent.Comparison when evaluations.Count > 0 => KpiTable("ComparisonCard", AcrossTitle("比較", evaluations), answer, text, counts: null),
            Intent.Ranking when evaluations.Count > 0 => KpiTable("ComparisonCard", AcrossTitle("順位", evaluations), answer, text, counts: null),
            Intent.Help when string.IsNullOrWhiteSpace(text) => [Welcome()],
            Intent.Help => [AnswerCard(answer, text), Welcome()],
            _ => [AnswerCard(answer, text)],
        });
        return replies;
    }

    public Reply Welcome()
    {
        var plain = "KenpoBot へようこそ。協会けんぽの事業計画などの文書をもとに質問にお答えします。\n"
            + string.Join("\n", Capabilities.Select(c => "・" + c))
            + "\n質問の例: " + string.Join(" / ", WelcomeExamples.Select(e => $"「{e}」"));
        var data = new
        {
            fallbackText = plain,
            capabilities = Capabilities,
            examples = WelcomeExamples.Select(Button),
        };
        return new Reply(plain, Fill("WelcomeCard", data));
    }

    /// <summary>A one-line text reply (refusals, prompts, apologies).</summary>
    public static Reply Text(string text) => new(text, null);

    /// <summary>The answer card with as many sources as the size budget allows (the first ones; the rest counted as ほか n 件).</summary>
    private Reply AnswerCard(Answer answer, string text)
    {
        var all = Sources(answer.Citations);
        for (var count = all.Count; ; count--)
        {
            var reply = AnswerCard(answer, text, all.Take(count).ToList());
            if (count == 0 || Fits(reply)) return reply;
        }
    }

    private Reply AnswerCard(Answer answer, string text, List<Source> sources)
    {
        var plain = new StringBuilder(text);
        if (sources.Count > 0)
        {
            plain.Append("\n\n出典:");
            foreach (var s in sources) plain.Append($"\n・{s.Document} {s.Section}（{s.FiscalYear}）");
        }

        var suggestions = Suggestions(answer).ToList();
        var shown = string.IsNullOrWhiteSpace(text) ? "（回答がありません）" : text;
        // Nothing for a card to add to the text: the answer goes as a text message alone.
        if (sources.Count == 0 && suggestions.Count == 0) return new Reply(shown, null);

        var extra = Math.Max(0, (answer.Citations ?? []).DistinctBy(c => (c.DocumentId, c.Section)).Count() - sources.Count);
        var data = new
        {
            fallbackText = Clip(plain.ToString()),
            sources,
            moreSources = extra > 0 ? $"ほか {extra} 件" : null,
            suggestions,
        };
        // The answer goes as the message text (with its citation markers); the card adds the sources and suggestions.
        return new Reply(plain.ToString(), Fill("AnswerCard", data), shown);
    }

    private Reply Glossary(Answer answer, GlossaryEntry term, string text)
    {
        var sources = Sources(answer.Citations) is { Count: > 0 } cited
            ? cited.Select(s => $"{s.Document} {s.Section}（{s.FiscalYear}）").ToList()
            : term.Sources.ToList();
        var definition = string.IsNullOrWhiteSpace(term.Definition) ? text : term.Definition;
        var plain = $"{term.Term}（{term.Reading}）\n{definition}"
            + (sources.Count > 0 ? "\n\n" + (term.DefinedInDocuments ? "定義している文書" : "使われている文書") + ":\n" + string.Join("\n", sources.Select(s => "・" + s)) : "")
            + (term.Related.Count > 0 ? "\n関連する用語: " + string.Join("、", term.Related) : "");
        var message = string.IsNullOrWhiteSpace(text) ? plain : text;
        var data = new
        {
            fallbackText = Clip(plain),
            term = term.Term,
            reading = term.Reading,
            synonyms = term.Synonyms.Count > 0 ? string.Join("、", term.Synonyms) : null,
            // The message text carries the answer; the card repeats the definition only when the text does not say it.
            definition = message.Contains(definition.Trim(), StringComparison.Ordinal) ? null : definition,
            sourcesHeading = term.DefinedInDocuments ? "定義している文書" : "使われている文書",
            sources = sources.Take(MaxSources),
            definedInDocuments = term.DefinedInDocuments,
            related = term.Related.Take(MaxSuggestions).Select(r => new { title = ButtonTitle(r), question = $"{r}とは？" }),
        };
        return new Reply(plain, Fill("GlossaryCard", data), message);
    }

    private IReadOnlyList<Reply> KpiStatusCard(Answer answer, string text)
    {
        var summary = answer.Summary ?? Summarise(answer.KpiEvaluations);
        var title = $"{ScopeName(summary.Scope)} {JapaneseYears.Describe(summary.FiscalYear)}の KPI 達成状況";
        var counts = new[]
        {
            new Count(KpiStatus.Achieved, summary.Achieved),
            new Count(KpiStatus.MostlyAchieved, summary.MostlyAchieved),
            new Count(KpiStatus.NotAchieved, summary.NotAchieved),
            new Count(KpiStatus.NotEvaluable, summary.NotEvaluable),
        };
        return KpiTable("KpiStatusCard", title, answer, text, counts);
    }

    /// <summary>「生活習慣病予防健診受診率の順位（令和5年度）」 for one metric and year; the bare word otherwise.</summary>
    private static string AcrossTitle(string word, IReadOnlyList<KpiEvaluationView> evaluations)
    {
        var first = evaluations[0];
        var oneMetric = evaluations.All(e => e.Metric == first.Metric) && !string.IsNullOrWhiteSpace(first.MetricName);
        var oneYear = evaluations.All(e => e.FiscalYear == first.FiscalYear);
        return oneMetric ? $"{first.MetricName}の{word}" + (oneYear ? $"（{JapaneseYears.Wareki(first.FiscalYear)}）" : "") : word;
    }

    private IReadOnlyList<Reply> KpiTable(string template, string title, Answer answer, string text, IReadOnlyList<Count>? counts)
    {
        var evaluations = answer.KpiEvaluations;
        var rows = KpiRows.From(evaluations);
        var labelHeader = KpiRows.LabelHeader(evaluations);
        var chart = KpiRows.ChartOf(evaluations);
        var countLine = counts is null ? "" : string.Join(" / ", counts.Select(c => $"{c.Status.ToJapanese()} {c.Value}"));
        var intro = string.Join("\n", new[] { countLine, text }.Where(t => t.Length > 0));
        var lead = Lead(text);
        // Clients without cards get the whole answer, per-KPI lines included.
        var fallback = Clip(title + (intro.Length > 0 ? "\n" + intro : ""));
        var suggestions = Suggestions(answer);

        var replies = Paginate(rows, Render);
        if (chart is null || replies.All(r => r.Card is not null)) return replies;
        // A chart too large for one message with any row: the rows matter more.
        chart = null;
        return Paginate(rows, Render);

        Reply Render(IReadOnlyList<KpiRows.Row> page, int index, int pages)
        {
            var pageTitle = pages > 1 ? $"{title}（{index + 1}/{pages}）" : title;
            var plain = new StringBuilder(pageTitle);
            if (index == 0 && intro.Length > 0) plain.Append('\n').Append(intro);
            foreach (var r in page) plain.Append($"\n・{r.Scope} {r.Year} {r.Name}: 目標 {r.Target}、実績 {r.Actual}、達成度 {r.Degree}、{r.Status}（{r.Rule}）");
            plain.Append("\n判定ルール: ").Append(StatusRule);

            // The first page's message text is the answer's lead (the counts in words); the rows are the card's.
            return new Reply(plain.ToString(), Fill(template, new
            {
                fallbackText = fallback,
                title = pageTitle,
                counts = index == 0 ? counts?.Select(c => new { label = c.Status.ToJapanese(), count = c.Value.ToString(CultureInfo.InvariantCulture), color = StatusColors.Of(c.Status).Text }) : null,
                chart = index == 0 ? chart : null,
                labelHeader,
                actualHeader = "実績",
                rows = page,
                rule = StatusRule,
                suggestions = index == pages - 1 ? suggestions : [],
            }), index == 0 && lead.Length > 0 ? lead : null);
        }
    }

    /// <summary>
    /// The answer without its per-KPI lines (「・…」) and its rule line (「判定規則: …」): the card shows both in the rows and
    /// the rule footer, so the message text sent with the card is the answer's lead only. The plain text keeps everything.
    /// </summary>
    internal static string Lead(string text) =>
        string.Join("\n", text.Split('\n').Where(l => !l.StartsWith('・') && !l.StartsWith("判定規則", StringComparison.Ordinal))).Trim();

    /// <summary>Splits <paramref name="rows"/> into the fewest even pages whose cards all fit the budget.</summary>
    private List<Reply> Paginate<T>(IReadOnlyList<T> rows, Func<IReadOnlyList<T>, int, int, Reply> render)
    {
        var whole = render(rows, 0, 1);
        if (Fits(whole)) return [whole];

        var estimate = Math.Max(2, (int)Math.Ceiling((double)Size(whole) / Budget));
        for (var pages = estimate; pages <= rows.Count; pages++)
        {
            var chunks = rows.Chunk((int)Math.Ceiling((double)rows.Count / pages)).ToList();
            var replies = chunks.Select((c, i) => render(c, i, chunks.Count)).ToList();
            if (replies.All(Fits)) return replies;
        }

        // A single row larger than a message: say it in text instead, cut to size.
        return [.. SplitText(whole.PlainText, MaxTextChunk).Select(t => new Reply(t, null))];
    }

    private static KpiSummaryView Summarise(IReadOnlyList<KpiEvaluationView> evaluations)
    {
        int CountOf(KpiStatus s) => evaluations.Count(e => KpiStatusText.TryParse(e.Status, out var x) && x == s);
        var first = evaluations[0];
        return new KpiSummaryView(first.Scope, first.FiscalYear,
            CountOf(KpiStatus.Achieved), CountOf(KpiStatus.MostlyAchieved), CountOf(KpiStatus.NotAchieved), CountOf(KpiStatus.NotEvaluable));
    }

    private static List<Source> Sources(IReadOnlyList<Citation>? citations) =>
        (citations ?? [])
            .DistinctBy(c => (c.DocumentId, c.Section))
            .Take(MaxSources)
            .Select(c => new Source(string.IsNullOrWhiteSpace(c.Title) ? c.DocumentId : c.Title, c.Section, FiscalYearText(c.FiscalYear)))
            .ToList();

    private static IEnumerable<object> Suggestions(Answer answer) =>
        (answer.Suggestions ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().Take(MaxSuggestions).Select(Button);

    private static object Button(string question) => new { title = ButtonTitle(question), question };

    private static string ButtonTitle(string text) => text.Length <= MaxButtonTitle ? text : text[..(MaxButtonTitle - 1)] + "…";

    private static string FiscalYearText(string fiscalYear) =>
        FiscalYearRange.TryParse(fiscalYear ?? "", out var range)
            ? range.From == range.To ? JapaneseYears.Describe(range.From) : $"{JapaneseYears.Wareki(range.From)}〜{JapaneseYears.Wareki(range.To)}"
            : fiscalYear ?? "";

    private static string ScopeName(string scope) => Corpus.Scope.TryParse(scope, out var s) ? s.DisplayName : scope;

    private static string Clip(string text) => text.Length <= MaxFallbackText ? text : text[..(MaxFallbackText - 1)] + "…";

    private static WrittenCard Fill(string template, object data) =>
        CardTemplate.Load(template).Fill(data);

    private bool Fits(Reply reply) => Size(reply) <= Budget;

    /// <summary>The message's size: its text and its card travel together.</summary>
    private static int Size(Reply reply) => reply.Card is null ? reply.PlainText.Length * 2 : reply.Card.Size + (reply.Text?.Length ?? 0) * 2;

    /// <summary>Splits at paragraph, line or sentence ends so each chunk has at most <paramref name="max"/> UTF-16 units; never returns an empty list.</summary>
    public static IReadOnlyList<string> SplitText(string text, int max)
    {
        var chunks = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > max)
        {
            var window = rest[..max];
            var cut = LastBreak(window, "\n\n") ?? LastBreak(window, "\n") ?? LastBreak(window, "。") ?? max;
            if (cut > 0 && char.IsHighSurrogate(rest[cut - 1])) cut--;
            chunks.Add(rest[..cut].ToString().Trim());
            rest = rest[cut..];
        }
        chunks.Add(rest.ToString().Trim());
        return chunks;

        static int? LastBreak(ReadOnlySpan<char> window, string separator)
        {
            var at = window.LastIndexOf(separator.AsSpan(), StringComparison.Ordinal);
            return at > window.Length / 2 ? at + separator.Length : null;
        }
    }

    private sealed record Count(KpiStatus Status, int Value);

    private sealed record Source(string Document, string Section, string FiscalYear);

}
