using System.Text.Json.Nodes;

namespace KenpoBot.Bot.Cards;

/// <summary>One outgoing message: an Adaptive Card, or plain text when <see cref="Card"/> is null. <see cref="PlainText"/> always says the same in text.</summary>
public sealed record Reply(string PlainText, JsonObject? Card)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}
