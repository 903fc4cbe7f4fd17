using KenpoBot.Assistant;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// Turns the composed replies of an answer into the activities sent: every one with Teams' feedback buttons and, when a
/// model wrote the answer, the AI label. The citations go with a text message just before the last card: the answer with
/// <c>[n]</c> markers when it fits one message, else a 「出典：」 line with the markers.
/// </summary>
public static class AnswerMessages
{
    public const string SourcesLine = "出典：";

    /// <param name="withText">Give the answer's text even without citations (the final of a stream must keep its text).</param>
    public static IReadOnlyList<Activity> Build(Activity incoming, IReadOnlyList<Reply> replies, Answer answer, bool withText = false)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(answer);
        var activities = new List<Activity>(replies.Count + 1);
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            var plain = Plain(incoming, reply);
            if (i < replies.Count - 1)
            {
                activities.Add(WithFeedback(plain, AiEntities.Message(answer.ByModel, null)));
                continue;
            }

            var single = replies.Count == 1;
            var baseText = reply.Card is null ? reply.PlainText : single ? answer.Text ?? "" : SourcesLine;
            var marked = CitationMarkers.Place(baseText, answer.Citations);
            var message = AiEntities.Message(answer.ByModel, marked.Claims);
            if (reply.Card is null)
            {
                activities.Add(WithFeedback(plain with { Text = marked.Text }, message));
            }
            else if (marked.Claims.Count > 0 || (withText && single && marked.Text.Length > 0))
            {
                // The text with its markers and the card as two messages: a channel that splits text from card (Agents
                // Playground) then still returns an id for each, so a reaction to either finds the answer.
                activities.Add(WithFeedback(incoming.CreateReply(marked.Text), message));
                activities.Add(WithFeedback(plain, AiEntities.Message(answer.ByModel, null)));
            }
            else
            {
                activities.Add(WithFeedback(plain, message));
            }
        }
        return activities;
    }

    private static Activity WithFeedback(Activity activity, Entity? message) => activity with
    {
        ChannelData = AiEntities.WithFeedbackLoop(activity.ChannelData),
        Entities = message is null ? null : [message],
    };

    /// <summary>A reply as a message: its text, or its card as the one attachment.</summary>
    public static Activity Plain(Activity incoming, Reply reply) => reply.Card is null
        ? incoming.CreateReply(reply.PlainText)
        : incoming.CreateReply(attachments: [new Attachment { ContentType = Reply.AdaptiveCardContentType, Content = reply.Card }]);
}
