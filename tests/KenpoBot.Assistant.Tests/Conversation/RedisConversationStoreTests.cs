using System.Collections.Concurrent;
using KenpoBot.Assistant.Conversation;
using KenpoBot.Tests.Shared;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace KenpoBot.Assistant.Tests.Conversation;

/// <summary>The Redis store against a real redis-server on a free loopback port, started for this class and stopped after it.</summary>
public sealed class RedisConversationStoreTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private ConnectionMultiplexer connection = null!;
    private readonly CollectingLogger<RedisConversationStore> logger = new();

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        connection = await ConnectionMultiplexer.ConnectAsync(RedisConversationStore.Options(redis.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await redis.DisposeAsync();
    }

    private RedisConversationStore Store(int maxTurns = 10, TimeSpan? lifetime = null) =>
        new(connection, logger, TimeProvider.System, maxTurns, lifetime ?? TimeSpan.FromMinutes(60));

    private static string NewConversation() => "msteams/tenant/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Record_ThenGet_GivesBackTheContextWithEveryProperty()
    {
        var store = Store();
        var id = NewConversation();
        var context = SampleContexts.Full();

        await store.RecordAsync(id, new("じゃあ岩手は？", "岩手支部の…11.6% です。"), context, default);
        var memory = await Store().GetAsync(id, default);

        SampleContexts.AssertSame(context, memory.Context);
        Assert.Equal([new ConversationTurn("じゃあ岩手は？", "岩手支部の…11.6% です。")], memory.Turns);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Record_KeepsTheLastTurnsInOrder_AndTheLastContextWhenAnAnswerHasNone()
    {
        var store = Store(maxTurns: 3);
        var id = NewConversation();
        var first = new ConversationContext(Intent.KpiValue, "秋田", 2023, "employer-checkup-data-rate", null);

        for (var i = 0; i < 5; i++) await store.RecordAsync(id, new($"q{i}", $"a{i}"), i == 0 ? first : null, default);
        var memory = await store.GetAsync(id, default);

        Assert.Equal(["q2", "q3", "q4"], memory.Turns.Select(t => t.Question));
        SampleContexts.AssertSame(first, memory.Context);
        AssertEmpty(await store.GetAsync(NewConversation(), default));
    }

    [Fact]
    public async Task Record_SetsTheLifetimeOnBothKeys_AndEveryRecordRenewsIt()
    {
        var store = Store(lifetime: TimeSpan.FromMinutes(10));
        var id = NewConversation();
        var (turns, context) = RedisConversationStore.Keys(id);
        var db = connection.GetDatabase();
        await store.RecordAsync(id, new("q", "a"), new(Intent.Glossary, null, null, null, null), default);
        Assert.InRange((await db.KeyTimeToLiveAsync(turns))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        await db.KeyExpireAsync(turns, TimeSpan.FromSeconds(30));
        await db.KeyExpireAsync(context, TimeSpan.FromSeconds(30));
        await store.RecordAsync(id, new("q2", "a2"), null, default);

        Assert.InRange((await db.KeyTimeToLiveAsync(turns))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange((await db.KeyTimeToLiveAsync(context))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Get_AfterTheLifetime_IsANewConversation()
    {
        var store = Store(lifetime: TimeSpan.FromMilliseconds(300));
        var id = NewConversation();
        await store.RecordAsync(id, new("q", "a"), new(Intent.Glossary, null, null, null, null), default);
        Assert.Single((await store.GetAsync(id, default)).Turns);

        await Task.Delay(TimeSpan.FromSeconds(1));

        AssertEmpty(await store.GetAsync(id, default));
    }

    [Fact]
    public async Task Reset_ForgetsOnlyThatConversation()
    {
        var store = Store();
        var (a, b) = (NewConversation(), NewConversation());
        await store.RecordAsync(a, new("q", "a"), new(Intent.Glossary, null, null, null, null), default);
        await store.RecordAsync(b, new("q", "b"), null, default);

        await store.ResetAsync(a, default);

        AssertEmpty(await store.GetAsync(a, default));
        Assert.Equal("b", Assert.Single((await store.GetAsync(b, default)).Turns).Answer);
    }

    [Fact]
    public async Task RedisStopped_AnswersWithoutHistory_WarnsOnce_AndReconnectsWhenItIsBack()
    {
        var store = Store();
        var id = NewConversation();
        await store.RecordAsync(id, new("q", "a"), null, default);

        await redis.StopAsync();
        for (var i = 0; i < 20; i++)
        {
            AssertEmpty(await store.GetAsync(id, default));
            await store.RecordAsync(id, new("q", "a"), null, default);
            await store.ResetAsync(id, default);
        }

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("Conversation memory in Redis could not read; answering without history", warning.Message, StringComparison.Ordinal);

        await redis.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await store.GetAsync(id, default)).Turns.Count == 0 && DateTime.UtcNow < deadline)
        {
            await store.RecordAsync(id, new("again", "a"), null, default);
            await Task.Delay(200);
        }

        Assert.Equal("again", (await store.GetAsync(id, default)).Turns[^1].Question);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Conversation memory in Redis is reachable again", StringComparison.Ordinal));
    }

    private static void AssertEmpty(ConversationMemory memory)
    {
        Assert.Null(memory.Context);
        Assert.Empty(memory.Turns);
    }

    private sealed class CollectingLogger<T> : ILogger<T>
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
