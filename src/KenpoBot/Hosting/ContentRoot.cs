namespace KenpoBot.Hosting;

/// <summary>Finds the folder that holds appsettings.json and corpus/: the repo root when run from a checkout.</summary>
public static class ContentRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(dir.FullName, "corpus")))
                    return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    public static string Resolve(string root, string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
}
