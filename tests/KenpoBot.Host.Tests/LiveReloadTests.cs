using System.Net;
using System.Text.Json.Nodes;

namespace KenpoBot.Host.Tests;

/// <summary>
/// Live reload (issue 10): `serve` on a copy of corpus/; a corrected glossary definition reaches users without a restart, a
/// broken TSV row keeps the old knowledge serving and is logged with its file and line.
/// </summary>
public sealed class LiveReloadTests : IDisposable
{
    private const string Term = "返納金債権";
    private const string Question = "返納金債権とは？";
    private const string GlossaryFile = "glossary/glossary.tsv";
    private const string ResultsFile = "kpi/tohoku-2023.results.tsv";
    private const string NewDefinition = "資格喪失後に協会けんぽの保険証で受診した元被保険者へ、協会けんぽが給付した医療費の返納を求める債権（改訂後の定義）。";

    /// <summary>A reload must have happened well within this; it is how long the test polls, not a measured limit.</summary>
    private static readonly TimeSpan PollFor = TimeSpan.FromSeconds(30);

    private readonly string root = Path.Combine(Path.GetTempPath(), "kenpobot-reload-" + Guid.NewGuid().ToString("N"));

    private string Corpus => Path.Combine(root, "corpus");

    public LiveReloadTests() => CopyDirectory(Path.Combine(KenpoProcess.Root, "corpus"), Corpus);

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Serve_CorrectedDefinitionIsAnsweredWithoutRestart_BrokenRowKeepsTheOldKnowledgeAndIsLoggedWithFileAndLine()
    {
        var original = Definition(File.ReadAllLines(Path.Combine(Corpus, GlossaryFile)));
        await using var bot = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["KenpoBot__CorpusPath"] = Corpus,
            ["KenpoBot__IndexPath"] = Path.Combine(root, "index"),
            ["KenpoBot__RateLimit__PermitsPerMinute"] = "0",
        });
        var before = await HealthAsync(bot);
        var kept = "a:" + Guid.NewGuid().ToString("N");
        Assert.Contains(original, (await bot.AskAsync(NewConversation(), Question)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bot.AskAsync(kept, "秋田支部の令和5年度の事業者健診データ取得率の実績は？")).Status);

        // A curator corrects the definition and saves.
        var glossary = Path.Combine(Corpus, GlossaryFile);
        await File.WriteAllLinesAsync(glossary, File.ReadAllLines(glossary).Select(l => l.StartsWith(Term + "\t", StringComparison.Ordinal) ? WithDefinition(l, NewDefinition) : l));
        var reloaded = await PollAsync(() => HealthAsync(bot), health => (string?)health["generation"] != (string?)before["generation"]);

        var corrected = (await bot.AskAsync(NewConversation(), Question)).Body;
        Assert.Contains(NewDefinition, corrected, StringComparison.Ordinal);
        Assert.DoesNotContain(original, corrected, StringComparison.Ordinal);
        Assert.NotEqual((string?)before["generation"], (string?)reloaded["generation"]);
        Assert.NotEqual((string?)before["corpus"], (string?)reloaded["corpus"]);
        Assert.Null(reloaded["lastReloadError"]);
        // Conversation memory outlives the reload: the follow-up still knows the KPI (003 line 942: 岩手 11.6%).
        var followUp = (await bot.AskAsync(kept, "じゃあ岩手は？")).Body;
        Assert.True(followUp.Contains("11.6%", StringComparison.Ordinal), followUp);

        // Then a broken row: the first result of the file gets a value that is not a number.
        var results = Path.Combine(Corpus, ResultsFile);
        var lines = File.ReadAllLines(results);
        Assert.StartsWith("fy2023-all-service-standard\t2023\t99.9\t", lines[2], StringComparison.Ordinal);
        lines[2] = lines[2].Replace("\t99.9\t", "\t九十九\t", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(results, lines);
        var refused = await PollAsync(() => HealthAsync(bot), health => health["lastReloadError"] is not null);

        var errors = refused["lastReloadError"]!["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.StartsWith(ResultsFile + ":3:", StringComparison.Ordinal));
        Assert.Equal((string?)reloaded["generation"], (string?)refused["generation"]);
        Assert.Equal((string?)reloaded["corpus"], (string?)refused["corpus"]);
        Assert.Contains(NewDefinition, (await bot.AskAsync(NewConversation(), Question)).Body, StringComparison.Ordinal);
        Assert.Contains(bot.Output.Split('\n'), line => line.Contains("Corpus problem at " + ResultsFile + ":3:", StringComparison.Ordinal));
    }

    private static string NewConversation() => "a:" + Guid.NewGuid().ToString("N");

    /// <summary>The definition column (term, reading, synonyms, definition, …) of the glossary row of <see cref="Term"/>.</summary>
    private static string Definition(string[] glossary) => glossary.Single(l => l.StartsWith(Term + "\t", StringComparison.Ordinal)).Split('\t')[3];

    private static string WithDefinition(string row, string definition)
    {
        var columns = row.Split('\t');
        columns[3] = definition;
        return string.Join('\t', columns);
    }

    private static async Task<JsonNode> HealthAsync(ServeProcess bot)
    {
        using var response = await bot.Client.GetAsync(new Uri(bot.BaseUrl, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + PollFor;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(250);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
