namespace KenpoBot.Corpus.Import;

/// <summary>The result of an import: the files written (relative to the corpus), or the problems that stopped it.</summary>
public sealed record ImportOutcome(IReadOnlyList<string> Written, IReadOnlyList<CorpusError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Writes a draft into a corpus only when the whole corpus with it passes validation: the files are staged in a copy of the
/// corpus next to it, the copy is checked, and only then are the new files moved in (a rename each). On any failure the
/// corpus is left as it was.
/// </summary>
public static class CorpusImporter
{
    public static DocumentDraft Draft(string file, ImportOptions options, string? corpusDirectory, Action<int, int>? progress = null)
    {
        var metrics = MetricCatalog.Empty;
        if (corpusDirectory is not null && CorpusLoader.Check(corpusDirectory).Knowledge is { } knowledge)
            metrics = MetricCatalog.From(knowledge, excludeDocument: options.Id);
        return DraftBuilder.Build(TextSource.ReadLines(file, progress), options, metrics);
    }

    public static ImportOutcome Import(DocumentDraft draft, string corpusDirectory, bool replace)
    {
        var id = draft.Options.Id;
        var files = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DraftWriter.DocumentPath(id)] = DraftWriter.Markdown(draft),
            // A replaced document's old KPI rows and results go with it; the draft brings its own.
            [DraftWriter.KpiPath(id)] = draft.Kpis.Count > 0 ? DraftWriter.KpiTable(draft) : null,
            [DraftWriter.ResultsPath(id)] = draft.Results.Count > 0 ? DraftWriter.ResultsTable(draft) : null,
        };
        if (!replace)
        {
            var existing = files.Keys.Where(f => File.Exists(Path.Combine(corpusDirectory, f))).ToList();
            if (existing.Count > 0)
                return new([], existing.Select(f => new CorpusError(Slash(f), 0, $"文書「{id}」のファイルが既にあります。置き換えるときは --replace を付けてください。")).ToList());
        }
        if (!Directory.Exists(corpusDirectory)) return new([], [new CorpusError(corpusDirectory, 0, "出力先のコーパスのフォルダがありません。")]);

        var full = Path.GetFullPath(corpusDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var staging = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.import-{Guid.NewGuid():N}");
        try
        {
            CopyDirectory(full, staging);
            foreach (var (path, content) in files)
            {
                var staged = Path.Combine(staging, path);
                if (content is null) File.Delete(staged);
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
                    File.WriteAllText(staged, content);
                }
            }
            var (_, errors) = CorpusLoader.Check(staging);
            if (errors.Count > 0) return new([], errors);
            foreach (var (path, content) in files)
            {
                var target = Path.Combine(full, path);
                if (content is null) File.Delete(target);
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(Path.Combine(staging, path), target, overwrite: true);
                }
            }
            return new(files.Where(f => f.Value is not null).Select(f => Slash(f.Key)).ToList(), []);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static string Slash(string path) => path.Replace('\\', '/');

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
