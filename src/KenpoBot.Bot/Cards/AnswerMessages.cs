using KenpoBot.Assistant;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// Turns the composed replies of an answer into the activities sent: every one with Teams' feedback buttons and, when a
/// model wrote the answer, the AI label; the last one with the citations. The last message's text is the answer with
/// <c>[n]</c> markers when the answer fits one message, else a 「出典」 line with the markers beside the last card.
/// </summary>
public static class AnswerMessages
{
    public const string SourcesLine = "出典：";

    /// <param name="withText">Give the last message the answer's text even without citations (the final of a stream must keep its text).</param>
    public static IReadOnlyList<Activity> Build(Activity incoming, IReadOnlyList<Reply> replies, Answer answer, bool withText = false)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(answer);
        var activities = new List<Activity>(replies.Count);
        for (var i = 0; i < replies.Count; i++)
        {
            var last = i == replies.Count - 1;
            var activity = Plain(incoming, replies[i]);
            var entities = new List<Entity>();
            if (last)
            {
                var baseText = replies.Count == 1 ? (replies[i].Card is null ? replies[i].PlainText : answer.Text ?? "") : replies[i].Card is null ? replies[i].PlainText : SourcesLine;
                var marked = CitationMarkers.Place(baseText, answer.Citations);
                if (marked.Claims.Count > 0 || (withText && replies.Count == 1) || replies[i].Card is null)
                    activity = activity with { Text = marked.Text, TextFormat = "plain" };
                if (AiEntities.Message(answer.ByModel, marked.Claims) is { } message) entities.Add(message);
            }
            else if (AiEntities.Message(answer.ByModel, null) is { } label)
            {
                entities.Add(label);
            }

            activities.Add(activity with
            {
                ChannelData = AiEntities.WithFeedbackLoop(activity.ChannelData),
                Entities = entities.Count > 0 ? entities : null,
            });
        }
        return activities;
    }

    /// <summary>A reply as a message: its text, or its card as the one attachment.</summary>
    public static Activity Plain(Activity incoming, Reply reply) => reply.Card is null
        ? incoming.CreateReply(reply.PlainText)
        : incoming.CreateReply(attachments: [new Attachment { ContentType = Reply.AdaptiveCardContentType, Content = reply.Card }]);
}
