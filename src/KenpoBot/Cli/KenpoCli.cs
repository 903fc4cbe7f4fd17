using System.CommandLine;
using KenpoBot.Corpus;
using KenpoBot.Hosting;
using KenpoBot.Search.Analysis.MeCab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Cli;

/// <summary>The command-line verbs. Each one builds the same services as the bot server and calls them.</summary>
public static class KenpoCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("KenpoBot: 協会けんぽの事業計画・アクションプラン・KPI について答えるアシスタント");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(CorpusCommands.Create());
        root.Subcommands.Add(KpiCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(PackageCommand.Create());
        root.Subcommands.Add(AskCommands.CreateAsk());
        root.Subcommands.Add(AskCommands.CreateChat());
        root.Subcommands.Add(AskCommands.CreateEval());
        root.Subcommands.Add(EvalSearchCommand.Create());
        root.Subcommands.Add(FeedbackCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(EchoServeCommand.Create());
        return root;
    }

    /// <summary>A host for a command-line verb: configuration and services, quiet logging, no server.</summary>
    public static IHost CreateHost(bool quiet = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot.Find(), Args = [] });
        builder.ConfigureKenpo();
        builder.Services.AddKnowledge();
        AssistantWiring.Add(builder.Services, builder.Configuration);
        // Verbs own stdout (ask --json writes only JSON lines there): every log line goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (quiet) builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TelemetryWiring.Add(builder.Services, builder.Configuration, server: false);
        var host = builder.Build();
        TelemetryWiring.Start(host.Services);
        return host;
    }

    /// <summary>Runs a verb body, turning the failures a user can meet into one clear Japanese message and exit code.</summary>
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CorpusValidationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 3;
        }
        catch (MeCabUnavailableException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 4;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("設定に誤りがあります: " + string.Join(" / ", ex.Failures));
            return 5;
        }
        catch (UserInputException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    public static T Get<T>(this IHost host) where T : notnull => host.Services.GetRequiredService<T>();
}

/// <summary>A mistake in what the user typed; its message is Japanese and shown as it is.</summary>
public sealed class UserInputException(string message) : Exception(message);
