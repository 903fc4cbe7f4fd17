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

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>
/// An OpenAI-compatible chat-completions server on loopback that answers from a script: each request takes the next step.
/// It records every request body, so tests can check the function schemas and the tool results the connector sent back.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> steps = new();

    private ScriptedOpenAiServer(WebApplication app) => this.app = app;

    public List<JsonNode> Requests { get; } = [];

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";

    public static async Task<ScriptedOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        app.MapPost("/v1/chat/completions", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            lock (server.Requests) server.Requests.Add(body!);
            if (!server.steps.TryDequeue(out var step))
            {
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("script exhausted");
                return;
            }
            await step(context);
        });
        await app.StartAsync();
        return server;
    }

    public ScriptedOpenAiServer ToolCall(string function, object arguments) => Enqueue(context => Json(context, new
    {
        id = "chatcmpl-1", @object = "chat.completion", created = 1, model = "scripted",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_" + Guid.NewGuid().ToString("N")[..8], type = "function", function = new { name = function, arguments = JsonSerializer.Serialize(arguments) } } } },
                finish_reason = "tool_calls",
            },
        },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    }));

    public ScriptedOpenAiServer RawToolCall(string function, string rawArguments) => Enqueue(context => Json(context, new
    {
        id = "chatcmpl-2", @object = "chat.completion", created = 1, model = "scripted",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_raw", type = "function", function = new { name = function, arguments = rawArguments } } } },
                finish_reason = "tool_calls",
            },
        },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    }));

    public ScriptedOpenAiServer Message(string text) => Enqueue(context => Json(context, new
    {
        id = "chatcmpl-3", @object = "chat.completion", created = 1, model = "scripted",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    }));

    public ScriptedOpenAiServer Status(int status) => Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("{\"error\":{\"message\":\"scripted failure\"}}");
    });

    public ScriptedOpenAiServer Delay(TimeSpan delay) => Enqueue(async context =>
    {
        try { await Task.Delay(delay, context.RequestAborted); } catch (OperationCanceledException) { }
    });

    private ScriptedOpenAiServer Enqueue(Func<HttpContext, Task> step)
    {
        steps.Enqueue(step);
        return this;
    }

    private static Task Json(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
