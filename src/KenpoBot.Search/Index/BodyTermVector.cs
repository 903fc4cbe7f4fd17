using Lucene.Net.Index;

namespace KenpoBot.Search.Index;

/// <summary>
/// One occurrence of a term in a body: its token position, its characters [Start, End), and its place in the vector's own order
/// (terms by their UTF-8 bytes, each term's positions as stored), which orders terms at the same position.
/// </summary>
internal readonly record struct TermOccurrence(int Position, int Start, int End, int Order);

/// <summary>
/// The term vector of one entry's body, decoded once: each term's occurrences, looked up by the term. Read-only, so the searches
/// of all threads share it.
/// </summary>
public sealed class BodyTermVector
{
    private readonly Dictionary<string, int> ranks;
    private readonly int[] firsts;
    private readonly TermOccurrence[] occurrences;

    private BodyTermVector(Dictionary<string, int> ranks, int[] firsts, TermOccurrence[] occurrences)
    {
        (this.ranks, this.firsts, this.occurrences) = (ranks, firsts, occurrences);
    }

    /// <summary>A body without terms: nothing in it matches.</summary>
    public static BodyTermVector Empty { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), [0], []);

    /// <summary>The occurrences of a term, positions ascending; empty when the body does not have it.</summary>
    internal ReadOnlySpan<TermOccurrence> Occurrences(string term) =>
        ranks.TryGetValue(term, out var rank) ? occurrences.AsSpan(firsts[rank], firsts[rank + 1] - firsts[rank]) : default;

    /// <summary>
    /// Decodes the body's vector of a document. The index stores it with positions and offsets; a vector without them gives
    /// nothing to mark, so the body is read as <see cref="Empty"/>.
    /// </summary>
    internal static BodyTermVector Read(IndexReader reader, int doc)
    {
        var terms = reader.GetTermVector(doc, Fields.Text);
        if (terms is null) return Empty;
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var firsts = new List<int>();
        var occurrences = new List<TermOccurrence>();
        var enumerator = terms.GetEnumerator();
        DocsAndPositionsEnum? positions = null;
        while (enumerator.MoveNext())
        {
            positions = enumerator.DocsAndPositions(null, positions);
            if (positions is null) return Empty;
            positions.NextDoc();
            ranks.Add(enumerator.Term.Utf8ToString(), firsts.Count);
            firsts.Add(occurrences.Count);
            for (var i = positions.Freq; i > 0; i--)
            {
                var position = positions.NextPosition();
                if (positions.StartOffset < 0) return Empty;
                occurrences.Add(new TermOccurrence(position, positions.StartOffset, positions.EndOffset, occurrences.Count));
            }
        }
        firsts.Add(occurrences.Count);
        return new BodyTermVector(ranks, [.. firsts], [.. occurrences]);
    }
}
