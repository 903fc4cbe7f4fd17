using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Cards;

/// <summary>
/// One outgoing message: an Adaptive Card, or plain text when <see cref="Card"/> is null. <see cref="PlainText"/> always says
/// the same in text. <see cref="Text"/> is the message text sent with the card (the answer, or its lead above KPI rows); the
/// card then holds only what the text does not say. Null when the card goes alone.
/// </summary>
public sealed record Reply(string PlainText, WrittenCard? Card, string? Text = null)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The text the message shows: <see cref="Text"/> with a card, <see cref="PlainText"/> without.</summary>
    public string MessageText => Card is null ? PlainText : Text ?? "";
}
