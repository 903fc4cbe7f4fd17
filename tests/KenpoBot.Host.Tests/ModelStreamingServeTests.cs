using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KenpoBot.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Host.Tests;

/// <summary>
/// Issue 11, the whole path: a real `serve` process whose model (the scripted server) calls the glossary and then streams
/// its reply at a human pace; the bot streams it to a personal chat in normal delivery mode, posting to a loopback
/// connector: the informative line, the text as it grows, and the final message with the AI label and feedback buttons.
/// </summary>
[Collection("host process")]
public sealed class ModelStreamingServeTests
{
    // The first sentence of 返納金債権 in corpus/glossary/glossary.tsv, as the model would quote it (no numbers).
    private const string Definition =
        "返納金債権とは、退職等により協会けんぽの資格が無くなった後、協会けんぽの保険証を使用して医療機関を受診してしまった場合に、" +
        "被保険者へ医療費のうち協会けんぽが給付していた分を請求することです。";

    [Fact]
    public async Task PersonalChat_StreamsTheModelsAnswer_InformativeThenGrowingTextThenFinal()
    {
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.ToolCall("Glossary-lookup_term", new { term = "返納金債権" })
            .Message(Definition, piece: 6, pause: TimeSpan.FromMilliseconds(250));
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = await StartBotAsync(model, connector);

        var status = await PostAsync(bot, connector, "stream-1", "返納金債権とは？");
        Assert.Equal(HttpStatusCode.OK, status);
        var posted = await connector.WaitForMessageAsync(TimeSpan.FromSeconds(60), bot);

        // 1. The informative update opens the stream: a typing activity, sequence 1, no stream id yet.
        var first = posted[0];
        Assert.Equal("typing", (string?)first.Body["type"]);
        var firstInfo = StreamInfo(first.Body)!;
        Assert.Equal("informative", (string?)firstInfo["streamType"]);
        Assert.Equal(1, (int?)firstInfo["streamSequence"]);
        Assert.Null(firstInfo["streamId"]);
        Assert.Contains("資料を検索しています", (string?)first.Body["text"]);
        var streamId = first.ResponseId;

        // 2. The text as it arrives: typing activities under the first one's id, numbered on, each text a prefix of the next.
        var updates = posted.Skip(1).TakeWhile(p => (string?)p.Body["type"] == "typing").ToList();
        Assert.True(updates.Count >= 2, $"expected at least two streaming updates, got {updates.Count}: {Describe(posted)}");
        var previousText = "";
        var previousSequence = 1;
        foreach (var update in updates)
        {
            var info = StreamInfo(update.Body)!;
            Assert.Equal("streaming", (string?)info["streamType"]);
            Assert.Equal(streamId, (string?)info["streamId"]);
            var sequence = (int)info["streamSequence"]!;
            Assert.True(sequence > previousSequence, $"sequence {sequence} after {previousSequence}");
            var text = (string)update.Body["text"]!;
            Assert.True(text.Length > previousText.Length && text.StartsWith(previousText, StringComparison.Ordinal), $"「{text}」 does not grow 「{previousText}」");
            Assert.StartsWith(text, Definition, StringComparison.Ordinal);
            previousText = text;
            previousSequence = sequence;
        }
        // The text was shown while the model was still writing (updates are throttled, so only the first is sure to be partial).
        Assert.True(((string)updates[0].Body["text"]!).Length < Definition.Length, "the first streaming update should not yet hold the whole text");

        // 3. The final message: same stream, the whole text, the AI label, citations and the feedback buttons.
        var final = posted[1 + updates.Count];
        Assert.Equal("message", (string?)final.Body["type"]);
        var finalInfo = StreamInfo(final.Body)!;
        Assert.Equal("final", (string?)finalInfo["streamType"]);
        Assert.Equal(streamId, (string?)finalInfo["streamId"]);
        Assert.Contains(Definition, (string?)final.Body["text"]);
        Assert.Contains("AIGeneratedContent", final.Body["entities"]!.ToJsonString());
        Assert.True((bool?)final.Body["channelData"]?["feedbackLoopEnabled"]);
        // The final message replies to the user's message, under the same conversation.
        Assert.Contains("/v3/conversations/stream-1/activities", final.Path);

        // The glossary's result went back to the model before it answered.
        Assert.Equal(2, model.Received.Count);
        Assert.All(model.Received, r => Assert.True(r.Stream));
        var toolResult = model.Requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!["content"]!.ToString();
        Assert.Contains("被保険者へ医療費のうち協会けんぽが給付していた分を請求すること", System.Text.RegularExpressions.Regex.Unescape(toolResult));
    }

    [Fact]
    public async Task PersonalChat_ModelInventsANumber_TheFinalMessageIsTheOfflineAnswer_ReplacingTheStreamedText()
    {
        const string invented = "返納金債権とは、資格喪失後の受診で協会けんぽが給付した医療費を請求することで、回収率は毎年73.9%です。";
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.ToolCall("Glossary-lookup_term", new { term = "返納金債権" })
            .Message(invented, piece: 6, pause: TimeSpan.FromMilliseconds(250));
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = await StartBotAsync(model, connector);

        var status = await PostAsync(bot, connector, "stream-2", "返納金債権とは？");
        Assert.Equal(HttpStatusCode.OK, status);
        var posted = await connector.WaitForMessageAsync(TimeSpan.FromSeconds(60), bot);

        var streamId = posted[0].ResponseId;
        Assert.Equal("informative", (string?)StreamInfo(posted[0].Body)!["streamType"]);
        var updates = posted.Skip(1).TakeWhile(p => (string?)p.Body["type"] == "typing").ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.StartsWith((string)u.Body["text"]!, invented, StringComparison.Ordinal));
        // The stream stops before the invented rate: it is never shown, even for a moment.
        Assert.All(updates, u => Assert.DoesNotContain("73", (string)u.Body["text"]!, StringComparison.Ordinal));

        var final = posted[1 + updates.Count];
        Assert.Equal("message", (string?)final.Body["type"]);
        var finalInfo = StreamInfo(final.Body)!;
        Assert.Equal("final", (string?)finalInfo["streamType"]);
        Assert.Equal(streamId, (string?)finalInfo["streamId"]);
        var text = (string)final.Body["text"]!;
        // The offline answer: the glossary's own definition, not the model's invented rate, and no AI label.
        Assert.DoesNotContain("73.9", text);
        Assert.Contains("保険証を使用して医療機関を受診", text);
        Assert.DoesNotContain("AIGeneratedContent", final.Body["entities"]?.ToJsonString() ?? "");
        Assert.Contains("stated 1 number(s) no tool returned (73.9)", bot.Output);
    }

    private static Task<ServeProcess> StartBotAsync(ScriptedOpenAiServer model, ConnectorStub connector) =>
        ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["Llm__Endpoint"] = model.BaseUrl,
            ["Llm__Model"] = "scripted-model",
            ["KENPOBOT_LLM_API_KEY"] = "host-key",
            ["KenpoBot__UnauthenticatedServiceUrls__0"] = connector.ServiceUrl,
            // No plain typing indicators in between: the posted sequence is the stream's alone.
            ["KenpoBot__TypingDelay"] = "00:01:00",
            ["Logging__LogLevel__Default"] = "Information",
        });

    /// <summary>A personal-chat message in normal delivery mode: the replies go to the connector stub.</summary>
    private static async Task<HttpStatusCode> PostAsync(ServeProcess bot, ConnectorStub connector, string conversationId, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "user-msg-1",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "利用者" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "KenpoBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
            ["text"] = text,
        };
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await bot.Client.PostAsync(new Uri(bot.BaseUrl, "/api/messages"), content);
        return response.StatusCode;
    }

    private static JsonObject? StreamInfo(JsonObject activity) =>
        activity["entities"]?.AsArray().OfType<JsonObject>().FirstOrDefault(e => (string?)e["type"] == "streaminfo");

    private static string Describe(IEnumerable<Posted> posted) =>
        string.Join(" | ", posted.Select(p => $"{p.Body["type"]} {StreamInfo(p.Body)?.ToJsonString()} 「{p.Body["text"]}」"));

    internal sealed record Posted(string Path, JsonObject Body, string ResponseId);

    /// <summary>A loopback Bot Connector: records each activity posted under /_connector/v3/… and answers 201 with a fresh id.</summary>
    internal sealed class ConnectorStub : IAsyncDisposable
    {
        private readonly WebApplication app;
        private int next;

        private ConnectorStub(WebApplication app) => this.app = app;

        public ConcurrentQueue<Posted> Posted { get; } = new();

        public string ServiceUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/_connector";

        public static async Task<ConnectorStub> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var stub = new ConnectorStub(app);
            app.MapPost("/_connector/{**rest}", async (HttpContext context) =>
            {
                var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
                var id = "activity-" + Interlocked.Increment(ref stub.next);
                stub.Posted.Enqueue(new Posted(context.Request.Path.Value ?? "", body, id));
                return Results.Json(new { id }, statusCode: 201);
            });
            await app.StartAsync();
            return stub;
        }

        /// <summary>Waits for the first message (the answer), then a moment for any that follow.</summary>
        public async Task<List<Posted>> WaitForMessageAsync(TimeSpan timeout, ServeProcess bot)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Posted.Any(p => (string?)p.Body["type"] == "message"))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"no message posted; got {Describe(Posted)}\n{bot.Output}");
                await Task.Delay(100);
            }
            await Task.Delay(300);
            return [.. Posted];
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
