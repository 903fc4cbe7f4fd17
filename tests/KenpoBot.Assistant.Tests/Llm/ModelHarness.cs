using Azure.Core;
using KenpoBot.Assistant.Llm;
using KenpoBot.Search.Index;
using KenpoBot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Testing;

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>
/// The assistant with a model, wired as the host wires it: the root's named HttpClient with its resilience handler, then
/// AddKenpoAssistant over the fixture's corpus and index. Logs are collected; retries do not wait.
/// </summary>
public sealed class ModelHarness : IDisposable
{
    private readonly ServiceProvider services;

    public ModelHarness(AssistantFixture fixture, LlmOptions options, TokenCredential? credential = null)
    {
        var collection = new ServiceCollection()
            .AddFakeLogging()
            .AddSingleton(fixture.Knowledge)
            .AddSingleton(fixture.Index)
            .AddSingleton(fixture.Services.GetRequiredService<KnowledgeSearcher>())
            .AddSingleton(fixture.Services.GetRequiredService<KenpoBot.Kpi.KpiEvaluator>())
            .AddSingleton<TimeProvider>(new FixedTime(AssistantFixture.Today))
            .AddKenpoLlmHttpClient(options);
        collection.Configure<HttpStandardResilienceOptions>(LlmServiceCollectionExtensions.HttpClientName + "-standard", o => o.Retry.Delay = TimeSpan.Zero);
        if (credential is not null) collection.AddSingleton(credential);
        collection.AddKenpoAssistant(options);
        services = collection.BuildServiceProvider();
    }

    public KenpoAssistant Assistant => services.GetRequiredService<KenpoAssistant>();

    public FakeLogCollector Logs => services.GetFakeLogCollector();

    public static LlmOptions OpenAi(ScriptedOpenAiServer server, int timeoutSeconds = 10) =>
        new() { Endpoint = server.BaseUrl, Model = "scripted-model", ApiKey = "test-key", ApiKeyVariable = "", TimeoutSeconds = timeoutSeconds };

    public void Dispose() => services.Dispose();
}

/// <summary>Records what the assistant streamed, in order.</summary>
public sealed class RecordingStream : IAnswerStream
{
    public List<string> Informed { get; } = [];

    public List<string> Deltas { get; } = [];

    public ValueTask InformAsync(string text, CancellationToken cancellationToken)
    {
        Informed.Add(text);
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendAsync(string delta, CancellationToken cancellationToken)
    {
        Deltas.Add(delta);
        return ValueTask.CompletedTask;
    }
}
