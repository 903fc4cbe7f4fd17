using System.Globalization;
using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Feedback;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Streaming;
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
    UserRateLimiter? rateLimiter = null,
    FeedbackStore? feedback = null,
    TimeProvider? time = null)
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

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
        if (turn.Activity.Name == FeedbackInvoke.Name) return await OnFeedbackAsync(turn, cancellationToken).ConfigureAwait(false);
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
        var stream = TeamsAnswerStream.For(turn, _time, logger);
        var answer = await WithTypingAsync(turn, ct => assistant.AskAsync(conversation, question, stream, ct), stream, cancellationToken).ConfigureAwait(false);
        var messages = AnswerMessages.Build(turn.Activity, composer.Compose(answer), answer, withText: stream?.Started == true, maxBytes: options.Value.MaxReplyBytes);
        var sentIds = new List<string>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            // A started stream ends with the answer's first message; the rest follow as ordinary messages.
            var sent = i == 0 && stream is not null
                ? await stream.FinishAsync(messages[i], cancellationToken).ConfigureAwait(false)
                : await turn.SendAsync(messages[i], cancellationToken).ConfigureAwait(false);
            if (sent.Id is { Length: > 0 } id) sentIds.Add(id);
        }

        if (feedback is not null)
            await feedback.RecordAnswerAsync(new SentAnswer(_time.GetUtcNow(), conversation, question, answer, sentIds), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A thumbs up or down (with its comment) on an answer: stored against the answer it names, answered 200.</summary>
    private async Task<InvokeResponse> OnFeedbackAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!FeedbackInvoke.TryRead(turn.Activity, out var parsed, out var error))
        {
            LogFeedbackRefused(logger, turn.Activity.ChannelId);
            return new InvokeResponse(400, new JsonObject { ["status"] = 400, ["message"] = error });
        }

        if (feedback is not null)
        {
            var reaction = new MessageReaction(_time.GetUtcNow(), ConversationKey.Of(turn.Activity), parsed!.ReplyToId, parsed.Reaction, parsed.Comment, UserRateLimiter.UserOf(turn.Activity));
            // A store that failed was logged; the user's click still succeeds.
            if (await feedback.RecordReactionAsync(reaction, CancellationToken.None).ConfigureAwait(false) == ReactionOutcome.NoAnswer)
                return new InvokeResponse(400, new JsonObject { ["status"] = 400, ["message"] = "フィードバックの対象の回答が見つかりません。" });
        }
        return new InvokeResponse(200, new JsonObject { ["status"] = 200 });
    }

    /// <summary>Runs <paramref name="work"/>, sending a typing indicator each <see cref="BotFrontEndOptions.TypingDelay"/> while it runs.</summary>
    private async Task<T> WithTypingAsync<T>(ITurnContext turn, Func<CancellationToken, Task<T>> work, TeamsAnswerStream? stream, CancellationToken cancellationToken)
    {
        if (turn.ExpectsReplies) return await work(cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = TypeUntilStoppedAsync(turn, stream, stop.Token);
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

    private async Task TypeUntilStoppedAsync(ITurnContext turn, TeamsAnswerStream? stream, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.TypingDelay, cancellationToken).ConfigureAwait(false);
                // A streaming answer shows its own progress; a plain typing activity would interrupt it.
                if (stream?.Started == true) continue;
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

    private static Task SendAsync(ITurnContext turn, Reply reply, CancellationToken cancellationToken) =>
        turn.SendAsync(AnswerMessages.Plain(turn.Activity, reply), cancellationToken);

    private static InvokeResponse CardActionResponse(int status, string type, JsonNode value) =>
        new(status, new JsonObject { ["statusCode"] = status, ["type"] = type, ["value"] = value });

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity")]
    private static partial void LogIgnored(ILogger logger, string? activityType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A question from a user of {ChannelId} past the rate limit was refused")]
    private static partial void LogRateLimited(ILogger logger, string? channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A malformed feedback invoke from {ChannelId} was refused")]
    private static partial void LogFeedbackRefused(ILogger logger, string? channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a typing indicator")]
    private static partial void LogTypingFailed(ILogger logger, Exception exception);
}
