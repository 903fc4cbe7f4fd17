using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KenpoBot.Assistant;
using KenpoBot.Corpus;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// Teams client citations: puts <c>[n]</c> markers into an answer's text and builds the matching <c>Claim</c> list. Each
/// source (document and section, as the card lists them) gets number n in its order; its marker goes after the sentence
/// that quotes its snippet, or else at the end of the answer's first line. Every marker has a claim and every claim a marker.
/// </summary>
public static partial class CitationMarkers
{
    /// <summary>Teams shows at most 20 citations per message.</summary>
    public const int MaxCitations = 20;

    public const int MaxName = 80;
    public const int MaxAbstract = 160;
    public const int MaxKeywords = 3;
    public const int MaxKeyword = 28;

    /// <summary>The opening of a sentence looked for in the other text: long enough to be specific, short enough to survive rewording.</summary>
    private const int AnchorLength = 12;
    private const int MinAnchor = 6;

    public sealed record Marked(string Text, JsonArray Claims);

    public static Marked Place(string text, IReadOnlyList<Citation>? citations)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sources = (citations ?? []).DistinctBy(c => (c.DocumentId, c.Section)).Take(MaxCitations).ToList();
        text = MarkersAfterClosers(KeepValidMarkers(text, sources.Count, out var present));
        if (sources.Count == 0) return new Marked(text, []);

        var inserts = new List<(int At, int N)>();
        List<(int End, string Core)>? sentences = null; // the answer's sentences, flattened once for every source
        for (var n = 1; n <= sources.Count; n++)
        {
            if (present.Contains(n)) continue;
            inserts.Add((SentenceEndQuoting(text, sentences ??= FlatSentences(text), sources[n - 1].Snippet) ?? FirstLineEnd(text), n));
        }

        var sb = new StringBuilder(text);
        foreach (var (at, n) in inserts.OrderByDescending(i => i.At).ThenByDescending(i => i.N))
            sb.Insert(at, Marker(n));
        return new Marked(sb.ToString(), [.. sources.Select((c, i) => (JsonNode)Claim(c, i + 1))]);
    }

    public static string Marker(int n) => string.Create(CultureInfo.InvariantCulture, $"[{n}]");

    /// <summary>Removes <c>[n]</c> markers that name no source (a model's stray numbers, a user's brackets); reports the rest.</summary>
    private static string KeepValidMarkers(string text, int count, out HashSet<int> present)
    {
        var found = new HashSet<int>();
        var kept = MarkerPattern().Replace(text, m =>
        {
            if (int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count)
            {
                found.Add(n);
                return m.Value;
            }
            return "";
        });
        present = found;
        return kept;
    }

    /// <summary>
    /// Where the first answer sentence quoted from <paramref name="snippet"/> ends (after its 。 and a source note in （）),
    /// or the sentence holding the snippet's own opening words; null when the text quotes neither.
    /// </summary>
    private static int? SentenceEndQuoting(string text, List<(int End, string Core)> sentences, string? snippet)
    {
        var flat = Flat(snippet ?? "");
        if (flat.Length < MinAnchor) return null;
        foreach (var (end, core) in sentences)
            if (core.Length >= MinAnchor && flat.AsSpan().Contains((core.Length > AnchorLength ? core.AsSpan(0, AnchorLength) : core), StringComparison.Ordinal)) return end;

        foreach (var sentence in Sentences(snippet!))
        {
            var anchor = sentence.Length > AnchorLength ? sentence[..AnchorLength] : sentence;
            var at = text.IndexOf(anchor, StringComparison.Ordinal);
            if (at >= 0) return SentenceEnd(text, at + anchor.Length);
        }
        return null;
    }

    /// <summary>The answer's sentences in order: where each ends, and its words flattened (<see cref="Flat"/>).</summary>
    private static List<(int End, string Core)> FlatSentences(string text)
    {
        var sentences = new List<(int End, string Core)>();
        for (var start = 0; start < text.Length;)
        {
            var end = SentenceEnd(text, start);
            sentences.Add((end, Flat(text[start..end])));
            start = end < text.Length && text[end] == '\n' ? end + 1 : Math.Max(end, start + 1);
        }
        return sentences;
    }

    /// <summary>A sentence without spaces, list marks and its （source note）, for comparing an answer's words with a snippet's.</summary>
    private static string Flat(string sentence)
    {
        var note = sentence.LastIndexOf('（');
        if (note > 0 && sentence.TrimEnd().EndsWith('）')) sentence = sentence[..note];
        return Squeeze(sentence, null).TrimStart(ListMarks);
    }

    private static readonly char[] ListMarks = ['・', '-', '－', '*', '■', '□', '○', '●', '◆', '①', '②', '③'];

    private static IEnumerable<string> Sentences(string snippet) =>
        snippet.Split(['。', '\n', '…', '・'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimStart(ListMarks).Trim())
            .Where(s => s.Length >= MinAnchor);

    /// <summary>
    /// Where the sentence holding <paramref name="from"/> ends: after its 。 outside any bracket or quote (a 。 inside
    /// 「…を除く。」 or （…とする。） does not end the sentence around it), after closing brackets and quotes that follow it,
    /// and after a source note in （）; at a line end or the text's end otherwise. A marker there never lands inside a quotation.
    /// </summary>
    private static int SentenceEnd(string text, int from)
    {
        var lineStart = from == 0 ? 0 : text.LastIndexOf('\n', from - 1) + 1;
        var depth = 0;
        for (var i = lineStart; i < from; i++) depth = Depth(text[i], depth);
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') return i;
            if (c != '。' || depth > 0)
            {
                depth = Depth(c, depth);
                continue;
            }

            var end = i + 1;
            while (end < text.Length && Closers.Contains(text[end])) end++;
            // 「…とする。（秋田支部事業計画 ＞ 重点施策）」: the marker follows the note that names the source.
            if (end < text.Length && text[end] == '（')
            {
                var close = text.IndexOf('）', end);
                var newline = text.IndexOf('\n', end);
                if (close > 0 && (newline < 0 || close < newline)) end = close + 1;
            }
            return end;
        }
        return text.Length;
    }

    private const string Openers = "「『（(【〔［[〈《";
    private const string Closers = "」』）)】〕］]〉》";

    private static int Depth(char c, int depth) =>
        Openers.Contains(c, StringComparison.Ordinal) ? depth + 1 : Closers.Contains(c, StringComparison.Ordinal) ? Math.Max(0, depth - 1) : depth;

    /// <summary>Moves markers that stand just before closing brackets or quotes (「…を除く。[1]）」) to after them.</summary>
    private static string MarkersAfterClosers(string text) =>
        MarkersBeforeClosers().Replace(text, m => m.Groups[2].Value + m.Groups[1].Value);

    private static int FirstLineEnd(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text.TrimEnd().Length : text[..newline].TrimEnd().Length;
    }

    private static JsonObject Claim(Citation c, int position)
    {
        var title = string.IsNullOrWhiteSpace(c.Title) ? c.DocumentId : c.Title;
        var name = string.IsNullOrWhiteSpace(c.Section) ? title : $"{title} ＞ {c.Section.Replace(" > ", " ＞ ", StringComparison.Ordinal)}";
        var summary = OneLine(c.Snippet);
        var appearance = new JsonObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = Clip(OneLine(name), MaxName),
            ["abstract"] = Clip(summary.Length > 0 ? summary : OneLine(name), MaxAbstract),
        };
        var keywords = Keywords(c);
        if (keywords.Count > 0) appearance["keywords"] = new JsonArray([.. keywords.Select(k => (JsonNode)k)]);
        return new JsonObject { ["@type"] = "Claim", ["position"] = position, ["appearance"] = appearance };
    }

    /// <summary>The fiscal year in Japanese and the scope: what a curator scans for.</summary>
    private static List<string> Keywords(Citation c)
    {
        var years = FiscalYearRange.TryParse(c.FiscalYear ?? "", out var range)
            ? range.From == range.To ? JapaneseYears.Describe(range.From) : $"{JapaneseYears.Wareki(range.From)}〜{JapaneseYears.Wareki(range.To)}"
            : c.FiscalYear ?? "";
        var scope = Corpus.Scope.TryParse(c.Scope ?? "", out var s) ? s.DisplayName : c.Scope ?? "";
        return [.. new[] { years, scope }.Select(OneLine).Where(k => k.Length > 0).Distinct().Take(MaxKeywords).Select(k => Clip(k, MaxKeyword))];
    }

    private static string OneLine(string? text) => Squeeze(text ?? "", ' ').Trim();

    /// <summary>
    /// Each run of white space and control characters (<c>[\s\p{Cc}]+</c>) replaced by <paramref name="with"/>, or removed when it
    /// is null; the text itself when it has none, which is most snippets and sentences.
    /// </summary>
    private static string Squeeze(string text, char? with)
    {
        var first = 0;
        while (first < text.Length && !IsSpace(text[first])) first++;
        if (first == text.Length) return text;
        var builder = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!IsSpace(text[i]))
            {
                builder.Append(text[i]);
                continue;
            }
            while (i + 1 < text.Length && IsSpace(text[i + 1])) i++;
            if (with is { } c) builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    private static string Clip(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\[(\d{1,6})\]")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"((?:\[\d{1,6}\])+)([」』）)】〕］〉》]+)")]
    private static partial Regex MarkersBeforeClosers();
}
