namespace KenpoBot.Search.Tests.Support;

/// <summary>What a test reads back from a token stream.</summary>
internal sealed record AnalyzedToken(string Term, int StartOffset, int EndOffset, int PositionIncrement);
