using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Cli;

/// <summary>`serve-baseline`: a minimal ASP.NET endpoint that returns a fixed expectReplies body, the yardstick of the load benchmark.</summary>
public static class EchoServeCommand
{
    private const string FixedReply = """{"activities":[{"type":"message","text":"固定の返信です。"}]}""";

    public static Command Create()
    {
        var urlsOption = new Option<string>("--urls") { Description = "待ち受ける URL", DefaultValueFactory = _ => "http://127.0.0.1:3979" };
        var command = new Command("serve-baseline", "負荷試験の比較用: 固定の返信だけを返す最小の ASP.NET エンドポイント") { urlsOption };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urlsOption)!);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/api/messages", () => Results.Text(FixedReply, "application/json"));
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
