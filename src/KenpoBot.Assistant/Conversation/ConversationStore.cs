using System.Collections.Concurrent;

namespace KenpoBot.Assistant.Conversation;

/// <summary>What a conversation remembers for follow-ups: the last intent and its entities.</summary>
public sealed record ConversationContext(Intent Intent, string? Scope, int? FiscalYear, string? Metric, string? Plan);

/// <summary>Per-conversation memory, bounded in turns and expiring after a quiet period. Thread-safe.</summary>
public sealed class ConversationStore(TimeProvider time, int maxTurns = 10, TimeSpan? lifetime = null)
{
    private const int MaxConversations = 10_000;
    private readonly TimeSpan lifetime = lifetime ?? TimeSpan.FromMinutes(60);
    private readonly ConcurrentDictionary<string, State> conversations = new(StringComparer.Ordinal);

    private sealed class State
    {
        public List<(string Question, string Answer)> Turns { get; } = [];

        public ConversationContext? Context { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }

    public (ConversationContext? Context, IReadOnlyList<(string Question, string Answer)> Turns) Get(string conversationId)
    {
        if (!conversations.TryGetValue(conversationId, out var state)) return (null, []);
        lock (state)
        {
            if (time.GetUtcNow() - state.LastSeen > lifetime)
            {
                conversations.TryRemove(conversationId, out _);
                return (null, []);
            }
            return (state.Context, state.Turns.ToList());
        }
    }

    public void Record(string conversationId, string question, string answer, ConversationContext? context)
    {
        if (conversations.Count >= MaxConversations) Sweep();
        var state = conversations.GetOrAdd(conversationId, _ => new State());
        lock (state)
        {
            state.Turns.Add((question, answer));
            if (state.Turns.Count > maxTurns) state.Turns.RemoveRange(0, state.Turns.Count - maxTurns);
            if (context is not null) state.Context = context;
            state.LastSeen = time.GetUtcNow();
        }
    }

    public void Reset(string conversationId) => conversations.TryRemove(conversationId, out _);

    /// <summary>Drops expired conversations; if still full, the least recently used, down to 90% of the bound.</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, state) in conversations)
        {
            if (now - state.LastSeen > lifetime) conversations.TryRemove(id, out _);
        }
        var excess = conversations.Count - MaxConversations * 9 / 10;
        if (excess <= 0) return;
        foreach (var id in conversations.OrderBy(c => c.Value.LastSeen).Take(excess).Select(c => c.Key).ToList())
        {
            conversations.TryRemove(id, out _);
        }
    }
}
