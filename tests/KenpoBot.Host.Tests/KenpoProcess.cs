using System.Diagnostics;
using System.Text;

namespace KenpoBot.Host.Tests;

/// <summary>Runs the built host (src/KenpoBot) as a process from the repo root, as `dotnet run --project src/KenpoBot -- …` does.</summary>
internal static class KenpoProcess
{
    public static string Root { get; } = FindRoot();

    public static string HostDll
    {
        get
        {
            // tests/KenpoBot.Host.Tests/bin/<Configuration>/net10.0/ → src/KenpoBot/bin/<Configuration>/net10.0/KenpoBot.dll
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(Root, "src", "KenpoBot", "bin", configuration, "net10.0", "KenpoBot.dll");
        }
    }

    public sealed record Output(int ExitCode, string StdOut, string StdErr);

    public static Task<Output> RunAsync(string? stdin, params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), stdin, args);

    /// <summary>Runs the host with extra environment variables (configuration overrides such as KenpoBot__CorpusPath).</summary>
    public static async Task<Output> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(HostDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Each test run keeps its index apart from the developer's data/index.
        start.Environment["KenpoBot__IndexPath"] = Path.Combine(Path.GetTempPath(), "kenpobot-host-tests-index");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Output(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KenpoBot.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("KenpoBot.sln not found above the test output.");
    }
}
