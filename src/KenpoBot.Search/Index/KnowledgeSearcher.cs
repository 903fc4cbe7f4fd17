using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace KenpoBot.Search.Index;

/// <summary>Which fields a query uses; the single-analyzer modes exist to measure the combined one against them.</summary>
public enum SearchMode
{
    Combined,
    MeCabOnly,
    BigramOnly,
}

public sealed record SearchFilter(EntryKind? Kind = null, string? Scope = null, int? FiscalYear = null, string? Plan = null, string? DocumentId = null);

/// <summary>A found entry: Snippet is plain text; MarkedSnippet wraps the matched terms in **…**.</summary>
public sealed record SearchHit(SearchEntry Entry, float Score, string Snippet, string MarkedSnippet);

/// <summary>
/// Field boosts of the combined query, tuned on the dev questions (see BENCHMARKS.md). <paramref name="Expansion"/> weighs the
/// terms that only the expansion (synonyms, other 年度 forms) brings, against the user's own words.
/// <paramref name="Scope"/> and <paramref name="FiscalYear"/> favour entries of a scope or fiscal year the question names, without
/// filtering the others out; <paramref name="Term"/> favours the glossary entry of a term the question names as a word of its own.
/// </summary>
public sealed record SearchBoosts(
    float Title = 0.5f, float Text = 4.0f, float TitleBigram = 0.5f, float TextBigram = 1.0f, float Expansion = 0.15f, float Scope = 2.0f, float FiscalYear = 10.0f,
    float Term = 2.0f)
{
    public static SearchBoosts Default { get; } = new();
}

/// <summary>Searches the index with both analyzers. User text never reaches query syntax: queries are built from analysed terms.</summary>
public sealed class KnowledgeSearcher(KnowledgeIndex index, Analyzer japanese, Analyzer bigram, QueryExpander expander, SearchBoosts? boosts = null)
{
    private const int MaxTermsPerField = 128;
    private const int SnippetLength = 160;
    private readonly SearchBoosts boosts = boosts ?? SearchBoosts.Default;

    public IReadOnlyList<SearchHit> Search(string? question, SearchFilter? filter = null, int top = 5, SearchMode mode = SearchMode.Combined)
    {
        var expanded = expander.Expand(question);
        var (text, expansion) = (expanded.Question, expanded.Expansion);
        if (text.Length == 0 || top <= 0) return [];
        var japaneseTerms = mode == SearchMode.BigramOnly ? [] : Terms(japanese, Fields.Text, text);
        var bigramTerms = mode == SearchMode.MeCabOnly ? [] : Terms(bigram, Fields.TextBigram, text);
        var japaneseExtra = mode == SearchMode.BigramOnly ? [] : Terms(japanese, Fields.Text, expansion).Except(japaneseTerms).ToList();
        var bigramExtra = mode == SearchMode.MeCabOnly ? [] : Terms(bigram, Fields.TextBigram, expansion).Except(bigramTerms).ToList();
        if (japaneseTerms.Count == 0 && bigramTerms.Count == 0) return [];

        var query = new BooleanQuery();
        AddField(query, Fields.Title, japaneseTerms, boosts.Title);
        AddField(query, Fields.Text, japaneseTerms, boosts.Text);
        AddField(query, Fields.TitleBigram, bigramTerms, boosts.TitleBigram);
        AddField(query, Fields.TextBigram, bigramTerms, boosts.TextBigram);
        AddField(query, Fields.Title, japaneseExtra, boosts.Title * boosts.Expansion);
        AddField(query, Fields.Text, japaneseExtra, boosts.Text * boosts.Expansion);
        AddField(query, Fields.TitleBigram, bigramExtra, boosts.TitleBigram * boosts.Expansion);
        AddField(query, Fields.TextBigram, bigramExtra, boosts.TextBigram * boosts.Expansion);
        AddField(query, Fields.Scope, expanded.Scopes, boosts.Scope);
        AddField(query, Fields.Id, expanded.Terms, boosts.Term);
        AddField(query, Fields.FiscalYear, [.. expanded.FiscalYears.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))], boosts.FiscalYear);
        Query final = query;
        if (FilterQuery(filter) is { } filterQuery) final = new FilteredQuery(query, new QueryWrapperFilter(filterQuery));

        var highlight = new HashSet<string>(japaneseTerms.Concat(japaneseExtra), StringComparer.Ordinal);
        return index.Use(searcher =>
        {
            var docs = searcher.Search(final, Math.Min(top, 100));
            return docs.ScoreDocs.Select(hit =>
            {
                var entry = KnowledgeIndex.FromDocument(searcher.Doc(hit.Doc));
                var (plain, marked) = Snippet(entry.Text, highlight);
                return new SearchHit(entry, hit.Score, plain, marked);
            }).ToList();
        });
    }

    private static void AddField(BooleanQuery query, string field, IReadOnlyCollection<string> terms, float boost)
    {
        if (terms.Count == 0 || boost <= 0) return;
        var fieldQuery = new BooleanQuery(disableCoord: false);
        foreach (var term in terms)
        {
            fieldQuery.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }
        fieldQuery.Boost = boost;
        query.Add(fieldQuery, Occur.SHOULD);
    }

    private static BooleanQuery? FilterQuery(SearchFilter? filter)
    {
        if (filter is null) return null;
        var query = new BooleanQuery();
        void Must(string field, string? value)
        {
            if (!string.IsNullOrEmpty(value)) query.Add(new TermQuery(new Term(field, value)), Occur.MUST);
        }
        Must(Fields.Kind, filter.Kind?.ToString());
        Must(Fields.Scope, filter.Scope);
        Must(Fields.FiscalYear, filter.FiscalYear?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Must(Fields.Plan, filter.Plan);
        Must(Fields.Document, filter.DocumentId);
        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>The distinct terms an analyzer makes of the text, in order, at most <see cref="MaxTermsPerField"/>.</summary>
    public static IReadOnlyList<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (term, _, _) in Tokens(analyzer, field, text))
        {
            if (seen.Add(term)) terms.Add(term);
            if (terms.Count >= MaxTermsPerField) break;
        }
        return terms;
    }

    private static List<(string Term, int Start, int End)> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }

    /// <summary>The window of the text with the most matched terms, from token offsets (no highlighter package here).</summary>
    private (string Plain, string Marked) Snippet(string text, HashSet<string> terms)
    {
        var matches = Tokens(japanese, Fields.Text, text).Where(t => terms.Contains(t.Term)).Select(t => (t.Start, t.End)).ToList();
        var start = 0;
        if (matches.Count > 0)
        {
            var best = 0;
            for (var i = 0; i < matches.Count; i++)
            {
                var count = matches.Skip(i).TakeWhile(m => m.End <= matches[i].Start + SnippetLength).Count();
                if (count > best) { best = count; start = matches[i].Start; }
            }
            start = Math.Max(0, start - 20);
            var lineStart = text.LastIndexOf('\n', Math.Max(0, start));
            if (lineStart >= 0 && start - lineStart < 20) start = lineStart + 1;
        }
        var end = Math.Min(text.Length, start + SnippetLength);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1])) end--;
        var plain = Collapse(text[start..end]);
        var marked = new System.Text.StringBuilder();
        var at = start;
        foreach (var (s, e) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            if (s < at) continue;
            marked.Append(text, at, s - at).Append("**").Append(text, s, e - s).Append("**");
            at = e;
        }
        marked.Append(text, at, end - at);
        var ellipsis = (start > 0 ? "…" : "", end < text.Length ? "…" : "");
        return (ellipsis.Item1 + plain + ellipsis.Item2, ellipsis.Item1 + Collapse(marked.ToString()) + ellipsis.Item2);
    }

    private static string Collapse(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.Replace('\n', ' '), @"\s{2,}", " ").Trim();
}
