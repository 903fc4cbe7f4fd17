using System.CommandLine;
using KenpoBot.Bot;
using KenpoBot.Hosting;
using KenpoBot.Hosting.Reload;
using Microsoft.AspNetCore.Builder;

namespace KenpoBot.Cli;

/// <summary>
/// `serve`: the bot server (POST /api/messages, GET /healthz) on http://localhost:3978 unless --urls says otherwise; it reloads
/// corpus/ when it changes.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://localhost:3978";

    public static Command Create()
    {
        var urlsOption = new Option<string>("--urls") { Description = "待ち受ける URL", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "Teams 用のボットサーバーを起動します") { urlsOption };
        command.SetAction((parse, cancellationToken) => KenpoCli.Run(async () =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ContentRoot.Find(), Args = [] });
            builder.WebHost.UseUrls(parse.GetValue(urlsOption)!);
            builder.ConfigureKenpo();
            builder.AddKenpoBotFrontEnd();
            builder.Services.AddLiveKnowledge(builder.Configuration);
            TelemetryWiring.Add(builder.Services, builder.Configuration, server: true);
            var app = builder.Build();
            // Load the corpus and the index before taking traffic: a broken corpus or a missing MeCab stops the start here.
            LiveKnowledgeWiring.LoadFirstGeneration(app.Services);
            app.MapHealth();
            app.MapBotEndpoints();
            await app.RunAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
