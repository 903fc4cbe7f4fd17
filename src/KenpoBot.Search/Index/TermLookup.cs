using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace KenpoBot.Search.Index;

/// <summary>
/// Term queries with their term statistics looked up in advance, one terms enumerator per field and segment for the whole
/// query: what <see cref="TermContext.Build"/> does per term, without a new enumerator (and index input clone) each time.
/// </summary>
internal sealed class TermLookup(IndexReaderContext top)
{
    private readonly Dictionary<(string Field, int Leaf), TermsEnum?> enums = [];

    public TermQuery Query(string field, string text)
    {
        var term = new Term(field, text);
        var context = new TermContext(top);
        foreach (var leaf in top.Leaves)
        {
            if (!enums.TryGetValue((field, leaf.Ord), out var terms))
            {
                terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
                enums[(field, leaf.Ord)] = terms;
            }
            if (terms is not null && terms.SeekExact(term.Bytes))
            {
                context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
            }
        }
        return new TermQuery(term, context);
    }
}
