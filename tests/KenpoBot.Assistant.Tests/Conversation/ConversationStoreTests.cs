using KenpoBot.Assistant.Conversation;

namespace KenpoBot.Assistant.Tests.Conversation;

/// <summary>The in-process conversation memory under many concurrent new conversations (every wrk request is one).</summary>
public sealed class ConversationStoreTests
{
    [Fact]
    public async Task ManyNewConversationsAtOnce_PastTheBound_NoTurnFails_AndTheStoreStaysBounded()
    {
        var store = new ConversationStore(TimeProvider.System);
        var failures = 0;

        // Past 10,000 conversations every Record may sweep while others add and remove: a sweep must never see a half-copied snapshot.
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount * 4).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 6_000; i++)
            {
                try
                {
                    store.Record($"c-{worker}-{i}", "返納金債権とは？", "…", null);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));

        Assert.Equal(0, failures);
        var workers = Environment.ProcessorCount * 4;
        var kept = Enumerable.Range(0, workers).Sum(w => Enumerable.Range(0, 6_000).Count(i => store.Get($"c-{w}-{i}").Turns.Count > 0));
        Assert.InRange(kept, 9_000 - workers, 10_000 + workers); // swept down to 90% of the bound, then filled again
    }

    [Fact]
    public void ResetConversations_NoLongerCount_TowardsTheBound()
    {
        var store = new ConversationStore(TimeProvider.System);
        for (var i = 0; i < 10_000; i++) store.Record($"c-{i}", "返納金債権とは？", "…", null);
        for (var i = 0; i < 5_000; i++) store.Reset($"c-{i}");
        for (var i = 0; i < 4_999; i++) store.Record($"d-{i}", "返納金債権とは？", "…", null);

        // 9,999 live conversations: under the bound, so nothing was swept.
        Assert.All(Enumerable.Range(5_000, 5_000), i => Assert.NotEmpty(store.Get($"c-{i}").Turns));
        Assert.All(Enumerable.Range(0, 4_999), i => Assert.NotEmpty(store.Get($"d-{i}").Turns));

        // At the bound the next turn sweeps the oldest down to 90%.
        store.Record("e-0", "返納金債権とは？", "…", null);
        store.Record("e-1", "返納金債権とは？", "…", null);
        Assert.Empty(store.Get("c-5000").Turns);
        Assert.NotEmpty(store.Get("e-1").Turns);
    }
}
