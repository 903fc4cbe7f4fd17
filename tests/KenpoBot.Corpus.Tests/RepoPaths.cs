namespace KenpoBot.Corpus.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "corpus");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KenpoBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("KenpoBot.sln not found above the test output.");
    }

    /// <summary>A fresh copy of corpus/ in a temp folder, for corrupting.</summary>
    public static string CopyCorpus()
    {
        var target = Path.Combine(Path.GetTempPath(), "kenpobot-corpus-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Corpus, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(Corpus, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }
}
