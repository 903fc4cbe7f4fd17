using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace KenpoBot.Assistant.Conversation;

/// <summary>What a conversation remembers for follow-ups: the last intent, its entities and what the answer stated.</summary>
public sealed record ConversationContext(Intent Intent, string? Scope, int? FiscalYear, string? Metric, string? Plan)
{
    /// <summary>Every scope of the last question (a comparison has two); <see cref="Scope"/> is the first.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = Scope is null ? [] : [Scope];

    /// <summary>Every metric of the last question; <see cref="Metric"/> is the first.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = Metric is null ? [] : [Metric];

    /// <summary>The KPI whose target was last talked about: 「その実績のままだと何人足りない？」 measures against it.</summary>
    public string? AnchorKpiId { get; init; }

    /// <summary>The last figure an answer stated (a result, a target, a reference value): what 「その実績」 refers to.</summary>
    public Figure? LastFigure { get; init; }

    /// <summary>The figure stated before it: 「その差」 is between the two.</summary>
    public Figure? PriorFigure { get; init; }

    [JsonIgnore]
    public decimal? LastValue => LastFigure?.Value;

    /// <summary>This context after an answer that stated <paramref name="figure"/> (the last one becomes the prior one; the same figure again changes nothing).</summary>
    public ConversationContext Stated(Figure? figure) =>
        figure is null || figure == LastFigure ? this : this with { PriorFigure = LastFigure, LastFigure = figure };

    /// <summary>The last answer's text: 「その言葉」 is a term in it.</summary>
    public string? LastAnswer { get; init; }

    /// <summary>Words of what the last answer was about, for a document question that says 「この取組」.</summary>
    public string? Subject { get; init; }
}

/// <summary>A figure an answer stated, with how it was described (「令和5年度の実績 57.7%」).</summary>
public sealed record Figure(decimal Value, string Label);

/// <summary>Conversation memory in this process (when no Redis is configured), bounded in turns and conversations. Thread-safe.</summary>
public sealed class ConversationStore(TimeProvider time, int maxTurns = 10, TimeSpan? lifetime = null) : IConversationStore
{
    private const int MaxConversations = 10_000;
    private readonly TimeSpan lifetime = lifetime ?? TimeSpan.FromMinutes(60);
    private readonly ConcurrentDictionary<string, State> conversations = new(StringComparer.Ordinal);

    private sealed class State
    {
        public List<ConversationTurn> Turns { get; } = [];

        public ConversationContext? Context { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }

    public ConversationMemory Get(string conversationId)
    {
        if (!conversations.TryGetValue(conversationId, out var state)) return ConversationMemory.Empty;
        lock (state)
        {
            if (time.GetUtcNow() - state.LastSeen > lifetime)
            {
                conversations.TryRemove(conversationId, out _);
                return ConversationMemory.Empty;
            }
            return new(state.Context, state.Turns.ToList());
        }
    }

    public void Record(string conversationId, string question, string answer, ConversationContext? context)
    {
        if (conversations.Count >= MaxConversations) Sweep();
        var state = conversations.GetOrAdd(conversationId, _ => new State());
        lock (state)
        {
            state.Turns.Add(new(question, answer));
            if (state.Turns.Count > maxTurns) state.Turns.RemoveRange(0, state.Turns.Count - maxTurns);
            if (context is not null) state.Context = context;
            state.LastSeen = time.GetUtcNow();
        }
    }

    public void Reset(string conversationId) => conversations.TryRemove(conversationId, out _);

    Task<ConversationMemory> IConversationStore.GetAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Get(conversationId));

    Task IConversationStore.RecordAsync(string conversationId, ConversationTurn turn, ConversationContext? context, CancellationToken cancellationToken)
    {
        Record(conversationId, turn.Question, turn.Answer, context);
        return Task.CompletedTask;
    }

    Task IConversationStore.ResetAsync(string conversationId, CancellationToken cancellationToken)
    {
        Reset(conversationId);
        return Task.CompletedTask;
    }

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
