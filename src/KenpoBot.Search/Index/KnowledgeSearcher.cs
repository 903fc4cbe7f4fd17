using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
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

/// <summary>
/// A found entry: Snippet is plain text; MarkedSnippet wraps the matched terms in **…**. A search's snippets are highlighted when
/// first read (most hits are ranked or filtered, never shown), from the generation the hit was found in.
/// </summary>
public sealed class SearchHit
{
    private Func<(string Plain, string Marked)>? make;
    private (string Plain, string Marked) snippet;

    public SearchHit(SearchEntry entry, float score, string snippet, string markedSnippet)
    {
        (Entry, Score, this.snippet) = (entry, score, (snippet, markedSnippet));
    }

    internal SearchHit(SearchEntry entry, float score, Func<(string Plain, string Marked)> make)
    {
        (Entry, Score, this.make) = (entry, score, make);
    }

    public SearchEntry Entry { get; }

    public float Score { get; }

    public string Snippet => Snippets().Plain;

    public string MarkedSnippet => Snippets().Marked;

    private (string Plain, string Marked) Snippets()
    {
        if (Volatile.Read(ref make) is not { } pending) return snippet;
        lock (this)
        {
            if (make is null) return snippet;
            snippet = pending();
            make = null;
            return snippet;
        }
    }
}

/// <summary>Searches the index with both analyzers. User text never reaches query syntax: queries are built from analysed terms.</summary>
public sealed class KnowledgeSearcher(KnowledgeIndex index, Analyzer japanese, Analyzer bigram, QueryExpander expander, SearchWeights? weights = null)
{
    private const int MaxTermsPerField = 128;
    private readonly SearchWeights weights = weights ?? SearchWeights.Default;

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

        var years = expanded.FiscalYears.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Distinct: the question's terms, then those of the expansion the question does not have.
        string[] highlight = [.. japaneseTerms, .. japaneseExtra];
        return index.Use((searcher, entries, vectors, postings) =>
        {
            var query = new TermGroupSearch()
                .Should(Fields.Title, japaneseTerms, weights.Title)
                .Should(Fields.Text, japaneseTerms, weights.Text)
                .Should(Fields.TitleBigram, bigramTerms, weights.TitleBigram)
                .Should(Fields.TextBigram, bigramTerms, weights.TextBigram)
                .Should(Fields.Title, japaneseExtra, weights.Title * weights.Expansion)
                .Should(Fields.Text, japaneseExtra, weights.Text * weights.Expansion)
                .Should(Fields.TitleBigram, bigramExtra, weights.TitleBigram * weights.Expansion)
                .Should(Fields.TextBigram, bigramExtra, weights.TextBigram * weights.Expansion)
                .Should(Fields.Scope, expanded.Scopes, weights.Scope)
                .Should(Fields.Id, expanded.Terms, weights.Term)
                .Should(Fields.FiscalYear, years, weights.FiscalYear)
                .Require(Fields.Kind, filter?.Kind?.ToString())
                .Require(Fields.Scope, filter?.Scope)
                .Require(Fields.FiscalYear, filter?.FiscalYear?.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Require(Fields.Plan, filter?.Plan)
                .Require(Fields.Document, filter?.DocumentId);
            var docs = query.Top(searcher, postings, Math.Min(top, 100));
            var hits = new List<SearchHit>(docs.Length);
            foreach (var hit in docs)
            {
                var entry = entries.Get(searcher, hit.Doc);
                var doc = hit.Doc;
                hits.Add(new SearchHit(entry, hit.Score, () => Snippet(highlight, vectors, searcher, doc, entry.Text)));
            }
            return hits;
        });
    }

    /// <summary>
    /// A hit's snippet, read after the search. The generation's vectors are kept once decoded; should the generation have been
    /// replaced and closed before a vector not yet decoded is read (a corpus reload in between), the hit gets the start of its body.
    /// </summary>
    private static (string Plain, string Marked) Snippet(string[] terms, TermVectorCache vectors, IndexSearcher searcher, int doc, string text)
    {
        BodyTermVector body;
        try
        {
            body = vectors.Body(searcher, doc);
        }
        catch (ObjectDisposedException)
        {
            body = BodyTermVector.Empty;
        }
        return SnippetHighlighter.Snippet(terms, body, text);
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
}
