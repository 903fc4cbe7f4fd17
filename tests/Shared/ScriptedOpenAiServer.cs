using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Tests.Shared;

/// <summary>How a request reached the server: path, query and the two authentication headers.</summary>
public sealed record ScriptedRequest(string Path, string Query, string? Authorization, string? ApiKey, bool Stream);

/// <summary>
/// An OpenAI-compatible chat-completions server on loopback that answers from a script: each request takes the next step.
/// It serves both URL shapes, OpenAI's <c>/v1/chat/completions</c> and Azure's
/// <c>/openai/deployments/{deployment}/chat/completions?api-version=…</c>, and both forms of answer: JSON, or server-sent
/// events when the request asks to stream. It records every request body and how it came.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, bool, Task>> steps = new();

    private ScriptedOpenAiServer(WebApplication app) => this.app = app;

    public List<JsonNode> Requests { get; } = [];

    public List<ScriptedRequest> Received { get; } = [];

    public string Root => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The OpenAI-compatible base URL.</summary>
    public string BaseUrl => Root + "/v1";

    public static async Task<ScriptedOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var stream = body?["stream"]?.GetValue<bool>() == true;
        lock (Requests)
        {
            Requests.Add(body!);
            Received.Add(new ScriptedRequest(context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["api-key"].FirstOrDefault(), stream));
        }
        if (!steps.TryDequeue(out var step))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("script exhausted");
            return;
        }
        await step(context, stream);
    }

    public ScriptedOpenAiServer ToolCall(string function, object arguments) => RawToolCall(function, JsonSerializer.Serialize(arguments));

    public ScriptedOpenAiServer RawToolCall(string function, string rawArguments) => Enqueue((context, stream) =>
    {
        var call = new { id = "call_" + Guid.NewGuid().ToString("N")[..8], type = "function", function = new { name = function, arguments = rawArguments } };
        return stream
            ? Events(context, [new { role = "assistant", tool_calls = new[] { new { index = 0, call.id, call.type, call.function } } }], "tool_calls")
            : Json(context, Completion(new { role = "assistant", content = (string?)null, tool_calls = new[] { call } }, "tool_calls"));
    });

    /// <summary>
    /// The model's text; streamed in pieces of <paramref name="piece"/> characters when the request streams, with
    /// <paramref name="pause"/> between pieces (a model that types at a human-visible pace).
    /// </summary>
    public ScriptedOpenAiServer Message(string text, int piece = 6, TimeSpan pause = default) => Enqueue((context, stream) => stream
        ? Events(context, text.Chunk(piece).Select((c, i) => i == 0 ? (object)new { role = "assistant", content = new string(c) } : new { content = new string(c) }).ToList(), "stop", pause)
        : Json(context, Completion(new { role = "assistant", content = text }, "stop")));

    public ScriptedOpenAiServer Status(int status) => Enqueue(async (context, _) =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("{\"error\":{\"message\":\"scripted failure\"}}");
    });

    public ScriptedOpenAiServer Delay(TimeSpan delay) => Enqueue(async (context, _) =>
    {
        try { await Task.Delay(delay, context.RequestAborted); } catch (OperationCanceledException) { }
    });

    private ScriptedOpenAiServer Enqueue(Func<HttpContext, bool, Task> step)
    {
        steps.Enqueue(step);
        return this;
    }

    private static object Completion(object message, string finish) => new
    {
        id = "chatcmpl-1", @object = "chat.completion", created = 1, model = "scripted",
        choices = new[] { new { index = 0, message, finish_reason = finish } },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    };

    private static Task Json(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    /// <summary>One chunk per delta, then the finish reason, then [DONE], each flushed as it goes.</summary>
    private static async Task Events(HttpContext context, IReadOnlyList<object> deltas, string finish, TimeSpan pause = default)
    {
        context.Response.ContentType = "text/event-stream";
        var chunks = deltas.Select(d => Chunk(d, null)).Append(Chunk(new { }, finish));
        var first = true;
        foreach (var chunk in chunks)
        {
            if (!first && pause > TimeSpan.Zero) await Task.Delay(pause, context.RequestAborted);
            first = false;
            await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n");
            await context.Response.Body.FlushAsync();
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static object Chunk(object delta, string? finish) => new
    {
        id = "chatcmpl-s", @object = "chat.completion.chunk", created = 1, model = "scripted",
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
