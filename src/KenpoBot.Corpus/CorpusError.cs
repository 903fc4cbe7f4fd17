namespace KenpoBot.Corpus;

/// <summary>One problem found in a corpus file: the file (relative to the corpus folder), its 1-based line (0 = the whole file), and why.</summary>
public sealed record CorpusError(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}

/// <summary>The corpus could not be loaded. Every problem found is listed; nothing is dropped silently.</summary>
public sealed class CorpusValidationException(IReadOnlyList<CorpusError> errors)
    : Exception(FormatMessage(errors))
{
    public IReadOnlyList<CorpusError> Errors { get; } = errors;

    private static string FormatMessage(IReadOnlyList<CorpusError> errors) =>
        $"コーパスに {errors.Count} 件の問題があります。\n" + string.Join("\n", errors.Take(50).Select(e => "  " + e))
        + (errors.Count > 50 ? $"\n  …ほか {errors.Count - 50} 件" : "");
}
