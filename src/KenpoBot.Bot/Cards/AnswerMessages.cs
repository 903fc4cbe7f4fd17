using KenpoBot.Assistant;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// Turns the composed replies of an answer into the activities sent, in Teams' native form: each reply is one message whose
/// text is the answer (with <c>[n]</c> citation markers) and whose card holds only what the text does not (sources, KPI
/// rows, chart, suggestions). Every message has Teams' feedback buttons and, when a model wrote the answer, the AI label.
/// The citations (markers and claims) go with the last message that carries answer text; a long answer's leading text
/// chunks and a long table's further pages go before or after it as messages of their own.
/// </summary>
public static class AnswerMessages
{
    /// <summary>The text given to a card that has none of its own when the answer has citations to show.</summary>
    public const string SourcesLine = "出典：";

    /// <param name="withText">The first message ends a stream, which must keep a text: a card without one gets its title line.</param>
    /// <param name="maxBytes">The message size budget: the cited message drops its last citations until it fits.</param>
    public static IReadOnlyList<Activity> Build(Activity incoming, IReadOnlyList<Reply> replies, Answer answer, bool withText = false, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(answer);
        var cited = CitedIndex(replies);
        var activities = new List<Activity>(replies.Count);
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            var plain = Plain(incoming, reply);
            if (i != cited)
            {
                // Only the cited message has claims, so a stray [n] elsewhere would name nothing.
                var text = plain.Text is null ? null : CitationMarkers.Place(plain.Text, null).Text;
                activities.Add(WithFeedback(plain with { Text = text }, AiEntities.Message(answer.ByModel, null)));
                continue;
            }

            activities.Add(Cited(plain, reply, answer, maxBytes));
        }
        if (withText && activities.Count > 0 && string.IsNullOrEmpty(activities[0].Text) && replies[0].PlainText.Length > 0)
            activities[0] = activities[0] with { Text = replies[0].PlainText.Split('\n')[0] };
        return activities;
    }

    /// <summary>The message with the answer's markers and claims, keeping as many leading citations as the budget allows.</summary>
    private static Activity Cited(Activity plain, Reply reply, Answer answer, int maxBytes)
    {
        var baseText = reply.MessageText.Length > 0 ? reply.MessageText : SourcesLine;
        var citations = answer.Citations ?? [];
        for (var count = citations.Count; ; count--)
        {
            var marked = CitationMarkers.Place(baseText, citations.Take(count).ToList());
            var keep = marked.Claims.Count > 0 || reply.MessageText.Length > 0;
            var activity = WithFeedback(plain with { Text = keep ? marked.Text : plain.Text }, AiEntities.Message(answer.ByModel, marked.Claims));
            if (count == 0 || ProtocolJson.ActivitySize(activity) <= maxBytes) return activity;
        }
    }

    /// <summary>The last reply with a text of its own; else the last reply (a card alone, which then gets the sources line).</summary>
    private static int CitedIndex(IReadOnlyList<Reply> replies)
    {
        for (var i = replies.Count - 1; i >= 0; i--)
            if (replies[i].MessageText.Length > 0) return i;
        return replies.Count - 1;
    }

    private static Activity WithFeedback(Activity activity, Entity? message) => activity with
    {
        ChannelData = AiEntities.WithFeedbackLoop(activity.ChannelData),
        Entities = message is null ? null : [message],
    };

    /// <summary>A reply as a message: its text, or its text (if any) with its card as the one attachment.</summary>
    public static Activity Plain(Activity incoming, Reply reply) => reply.Card is null
        ? incoming.CreateReply(reply.PlainText)
        : incoming.CreateReply(string.IsNullOrEmpty(reply.Text) ? null : reply.Text,
            attachments: [new Attachment { ContentType = Reply.AdaptiveCardContentType, Content = reply.Card.AsContent() }]);
}
