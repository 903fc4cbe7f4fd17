using System.Globalization;
using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>
/// Routes each activity type to one short method. Errors are not caught here: <see cref="BotAdapter"/> handles them in one place.
/// </summary>
public sealed partial class ActivityHandler(
    IAssistant assistant,
    ReplyComposer composer,
    IOptions<BotFrontEndOptions> options,
    ILogger<ActivityHandler> logger,
    UserRateLimiter? rateLimiter = null)
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    /// <summary>Handles one turn; returns the invoke response for an invoke, null otherwise.</summary>
    public async Task<InvokeResponse?> OnTurnAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        switch (turn.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(turn, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateAsync(turn, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeAsync(turn, cancellationToken).ConfigureAwait(false);
            default:
                // typing, messageReaction, installationUpdate and anything newer need no answer.
                LogIgnored(logger, turn.Activity.Type);
                return null;
        }
    }

    private Task OnMessageAsync(ITurnContext turn, CancellationToken cancellationToken) =>
        AnswerAsync(turn, IncomingQuestion.Read(turn.Activity), cancellationToken);

    private async Task OnConversationUpdateAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var botId = turn.Activity.Recipient?.Id;
        if (botId is null || !(turn.Activity.MembersAdded ?? []).Any(m => m?.Id == botId)) return;
        await SendAsync(turn, composer.Welcome(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> OnInvokeAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Name != AdaptiveCardActionInvoke) return new InvokeResponse(200, null);

        var question = IncomingQuestion.ReadInvoke(turn.Activity);
        if (question.Length == 0)
            return CardActionResponse(400, "application/vnd.microsoft.error", new JsonObject { ["code"] = "BadRequest", ["message"] = "カードのボタンに質問がありません。" });

        await AnswerAsync(turn, question, cancellationToken).ConfigureAwait(false);
        return CardActionResponse(200, "application/vnd.microsoft.activity.message", "回答を送信しました。");
    }

    private async Task AnswerAsync(ITurnContext turn, string question, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxQuestionLength;
        if (question.Length > max)
        {
            var message = string.Format(CultureInfo.InvariantCulture, "ご質問が長すぎます（{0:#,0} 文字）。{1:#,0} 文字以内で入力してください。", question.Length, max);
            await SendAsync(turn, ReplyComposer.Text(message), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (question.Length == 0)
        {
            await SendAsync(turn, ReplyComposer.Text("ご質問をどうぞ。例: 「返納金債権とは？」"), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (rateLimiter?.TryAcquire(turn.Activity) == false)
        {
            LogRateLimited(logger, turn.Activity.ChannelId);
            await SendAsync(turn, ReplyComposer.Text(UserRateLimiter.Refusal), cancellationToken).ConfigureAwait(false);
            return;
        }

        var conversation = ConversationKey.Of(turn.Activity);
        var answer = await WithTypingAsync(turn, ct => assistant.AskAsync(conversation, question, ct), cancellationToken).ConfigureAwait(false);
        foreach (var reply in composer.Compose(answer))
            await SendAsync(turn, reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/>, sending a typing indicator each <see cref="BotFrontEndOptions.TypingDelay"/> while it runs.</summary>
    private async Task<T> WithTypingAsync<T>(ITurnContext turn, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (turn.ExpectsReplies) return await work(cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = TypeUntilStoppedAsync(turn, stop.Token);
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await typing.ConfigureAwait(false);
        }
    }

    private async Task TypeUntilStoppedAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.TypingDelay, cancellationToken).ConfigureAwait(false);
                await turn.SendAsync(turn.Activity.CreateTyping(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A lost typing indicator is cosmetic; the answer still goes out.
            LogTypingFailed(logger, ex);
        }
    }

    private static Task SendAsync(ITurnContext turn, Reply reply, CancellationToken cancellationToken)
    {
        var activity = reply.Card is null
            ? turn.Activity.CreateReply(reply.PlainText)
            : turn.Activity.CreateReply(attachments: [new Attachment { ContentType = Reply.AdaptiveCardContentType, Content = reply.Card }]);
        return turn.SendAsync(activity, cancellationToken);
    }

    private static InvokeResponse CardActionResponse(int status, string type, JsonNode value) =>
        new(status, new JsonObject { ["statusCode"] = status, ["type"] = type, ["value"] = value });

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity")]
    private static partial void LogIgnored(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A question from a user of {ChannelId} past the rate limit was refused")]
    private static partial void LogRateLimited(ILogger logger, string? channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a typing indicator")]
    private static partial void LogTypingFailed(ILogger logger, Exception exception);
}
