using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace KenpoBot.Assistant.Conversation;

/// <summary>
/// Conversation memory in Redis, shared by every instance of the bot and kept across restarts. A conversation is two keys:
/// its turns (a list trimmed to the last <c>maxTurns</c>) and its context (JSON); both expire after <c>lifetime</c>, which
/// every Record renews. When Redis cannot be reached the store answers as if the conversation were new, logs a warning at
/// most once per <see cref="WarningInterval"/>, and the connection multiplexer reconnects on its own.
/// </summary>
public sealed partial class RedisConversationStore(
    IConnectionMultiplexer redis, ILogger<RedisConversationStore> logger, TimeProvider time, int maxTurns = 10, TimeSpan? lifetime = null)
    : IConversationStore
{
    public const string KeyPrefix = "kenpobot:conversation:";

    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly TimeSpan lifetime = lifetime ?? TimeSpan.FromMinutes(60);
    private readonly Lock warningLock = new();
    private DateTimeOffset? lastWarning;
    private int suppressed;
    private bool failing;

    /// <summary>
    /// Connection options for the bot: never give up connecting (<c>AbortOnConnectFail=false</c>, so Redis may come up after
    /// the bot), and fail a command at once while disconnected instead of queueing it behind a request.
    /// </summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 2000;
        if (!connectionString.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) options.AsyncTimeout = 2000;
        return options;
    }

    /// <summary>The turns key and the context key; the braces keep both in one cluster slot.</summary>
    public static (RedisKey Turns, RedisKey Context) Keys(string conversationId) =>
        ($"{KeyPrefix}{{{conversationId}}}:turns", $"{KeyPrefix}{{{conversationId}}}:context");

    public async Task<ConversationMemory> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var (turnsKey, contextKey) = Keys(conversationId);
        try
        {
            var db = Database();
            var turns = db.ListRangeAsync(turnsKey);
            var context = db.StringGetAsync(contextKey);
            await Bounded(Task.WhenAll(turns, context), cancellationToken).ConfigureAwait(false);
            Succeeded();
            return new(
                context.Result.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConversationContext>(context.Result.ToString(), ConversationJson.Options),
                [.. turns.Result.Select(t => JsonSerializer.Deserialize<ConversationTurn>(t.ToString(), ConversationJson.Options)!)]);
        }
        catch (Exception ex)
        {
            Failed(ex, "read");
            return ConversationMemory.Empty;
        }
    }

    public async Task RecordAsync(string conversationId, ConversationTurn turn, ConversationContext? context, CancellationToken cancellationToken)
    {
        var (turnsKey, contextKey) = Keys(conversationId);
        try
        {
            var transaction = Database().CreateTransaction();
            var writes = new[]
            {
                transaction.ListRightPushAsync(turnsKey, JsonSerializer.Serialize(turn, ConversationJson.Options)),
                transaction.ListTrimAsync(turnsKey, -maxTurns, -1),
                transaction.KeyExpireAsync(turnsKey, lifetime),
                context is null
                    ? transaction.KeyExpireAsync(contextKey, lifetime)
                    : transaction.StringSetAsync(contextKey, JsonSerializer.Serialize(context, ConversationJson.Options), lifetime),
            };
            // The queued commands complete only after a successful EXEC; a failed EXEC leaves them pending, so it goes first.
            await Bounded(transaction.ExecuteAsync(), cancellationToken).ConfigureAwait(false);
            await Bounded(Task.WhenAll(writes), cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception ex)
        {
            Failed(ex, "write");
        }
    }

    public async Task ResetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var (turnsKey, contextKey) = Keys(conversationId);
        try
        {
            await Bounded(Database().KeyDeleteAsync([turnsKey, contextKey]), cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception ex)
        {
            Failed(ex, "reset");
        }
    }

    /// <summary>While disconnected, fail at once instead of issuing commands (the multiplexer keeps reconnecting in the background).</summary>
    private IDatabase Database() =>
        redis.IsConnected ? redis.GetDatabase() : throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected");

    /// <summary>The client's own timeout, enforced here too: a request never waits on Redis longer than that.</summary>
    private Task Bounded(Task work, CancellationToken cancellationToken) =>
        work.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(redis.TimeoutMilliseconds, 100) * 2), time, cancellationToken);

    private void Succeeded()
    {
        if (!Volatile.Read(ref failing)) return;
        lock (warningLock)
        {
            if (!failing) return;
            failing = false;
            LogRecovered(logger, suppressed);
            suppressed = 0;
            lastWarning = null;
        }
    }

    /// <summary>A warning for the first failure and then at most one per <see cref="WarningInterval"/>, with the count in between.</summary>
    private void Failed(Exception exception, string operation)
    {
        lock (warningLock)
        {
            failing = true;
            var now = time.GetUtcNow();
            if (lastWarning is { } last && now - last < WarningInterval)
            {
                suppressed++;
                return;
            }
            LogUnreachable(logger, exception, operation, suppressed);
            lastWarning = now;
            suppressed = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Conversation memory in Redis could not {Operation}; answering without history ({Suppressed} failures since the last warning)")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string operation, int suppressed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation memory in Redis is reachable again ({Suppressed} failures since the last warning)")]
    private static partial void LogRecovered(ILogger logger, int suppressed);
}

/// <summary>How a conversation is written to an external store: enums by name, every property of the context kept.</summary>
public static class ConversationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General);
}
