using KenpoBot.Assistant.Conversation;
using KenpoBot.Assistant.Handlers;
using KenpoBot.Assistant.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Tests.Handlers;

/// <summary>Runs one handler directly on a question (read by the real reader) or on a frame built by hand.</summary>
internal static class HandlerHarness
{
    public const string NotInDocuments = "資料には記載がありません";

    public static QuestionFrame Read(this AssistantFixture fixture, string question, ConversationContext? context = null) =>
        fixture.Services.GetRequiredService<QuestionReader>().Read(question, context);

    public static THandler Handler<THandler>(this AssistantFixture fixture) where THandler : IIntentHandler =>
        fixture.Services.GetServices<IIntentHandler>().OfType<THandler>().Single();

    public static Task<Handled> HandleAsync<THandler>(this AssistantFixture fixture, string question, ConversationContext? context = null)
        where THandler : IIntentHandler =>
        fixture.HandleAsync<THandler>(fixture.Read(question, context), context);

    public static async Task<Handled> HandleAsync<THandler>(this AssistantFixture fixture, QuestionFrame frame, ConversationContext? context = null)
        where THandler : IIntentHandler
    {
        var turn = new Turn(frame.Text, frame, context, fixture.Services.GetRequiredService<Kernel>());
        var reply = await fixture.Handler<THandler>().HandleAsync(turn, default);
        return new Handled(frame, turn, reply);
    }
}

/// <summary>What one handler did with one turn.</summary>
internal sealed record Handled(QuestionFrame Frame, Turn Turn, Reply Reply)
{
    public Answer Answer => Reply.Answer;

    public ConversationContext? Context => Reply.Context;

    /// <summary>The answer up to its first 。 (the sentence that must carry the fact).</summary>
    public string FirstSentence
    {
        get
        {
            var text = Answer.Text;
            var end = text.IndexOf('。', StringComparison.Ordinal);
            return end < 0 ? text.Split('\n')[0] : text[..(end + 1)];
        }
    }

    /// <summary>The one call made of a Kernel function, with its arguments.</summary>
    public IReadOnlyDictionary<string, object?> SingleCall(string plugin, string function) =>
        Assert.Single(Turn.Calls, c => c.Plugin == plugin && c.Function == function).Arguments;

    /// <summary>The arguments of the one call of a Kernel function, as text: 「metric=…, scope=秋田, fiscalYear=2023」.</summary>
    public string CallText(string plugin, string function) =>
        string.Join(", ", SingleCall(plugin, function).Select(a => $"{a.Key}={Format(a.Value)}"));

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A not-found answer: says so, cites nothing, evaluates nothing.</summary>
    public void AssertNotFound()
    {
        Assert.StartsWith(HandlerHarness.NotInDocuments, Answer.Text, StringComparison.Ordinal);
        Assert.Empty(Answer.Citations);
        Assert.Empty(Answer.KpiEvaluations);
    }
}
