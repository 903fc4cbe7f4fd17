namespace KenpoBot.Search.Index.Snippets;

/// <summary>A matched stretch of a body: its characters [Start, End).</summary>
internal readonly record struct MatchSpan(int Start, int End)
{
    /// <summary>Lucene's WeightedPhraseInfo.IsOffsetOverlap to the letter: spans that only touch do not overlap, empty ones may.</summary>
    public bool Overlaps(MatchSpan other) =>
        (Start <= other.Start && other.Start < End) || (Start < other.End && other.End <= End)
        || (other.Start <= Start && Start < other.End) || (other.Start < End && End <= other.End);
}
