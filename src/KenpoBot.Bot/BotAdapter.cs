using System.Text.Json.Nodes;
using KenpoBot.Bot.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>The HTTP status and JSON body that answer the channel's POST.</summary>
public sealed record BotResponse(int Status, object? Body)
{
    public static BotResponse Ok { get; } = new(200, null);
}

/// <summary>
/// Runs one turn: a fresh DI scope, the handler, and the one place where turn errors are handled (log, one short apology,
/// clear the conversation's state). Invokes and expectReplies are answered in the HTTP response; other turns are
/// acknowledged after <see cref="BotFrontEndOptions.AcknowledgeAfter"/> at the latest and finish in the background.
/// </summary>
public sealed partial class BotAdapter(
    IServiceScopeFactory scopes,
    IOptions<BotFrontEndOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BotAdapter> logger)
{
    public const string Apology = "申し訳ありません。回答の準備中にエラーが発生しました。もう一度お試しください。";

    public async Task<BotResponse> ProcessAsync(Activity activity, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var expectsReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        var isInvoke = activity.Type == ActivityTypes.Invoke;

        if (expectsReplies || isInvoke)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
            var (invokeResponse, replies) = await RunTurnAsync(activity, linked.Token).ConfigureAwait(false);
            if (expectsReplies) return new BotResponse(200, new ExpectedReplies(replies));
            return invokeResponse is null ? BotResponse.Ok : new BotResponse(invokeResponse.Status, invokeResponse.Body);
        }

        // The replies are posted to the connector, so the turn need not outlive the channel's patience with this request.
        var turn = RunTurnAsync(activity, lifetime.ApplicationStopping);
        var acknowledgeAfter = Task.Delay(options.Value.AcknowledgeAfter, requestAborted);
        if (await Task.WhenAny(turn, acknowledgeAfter).ConfigureAwait(false) != turn) LogContinuesInBackground(logger, activity.Type);
        return BotResponse.Ok;
    }

    /// <summary>Never throws: every failure of the turn ends here.</summary>
    private async Task<(InvokeResponse? Invoke, IReadOnlyList<Activity> Buffered)> RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var turn = new TurnContext(activity, services.GetRequiredService<IConnectorClient>());
        try
        {
            var handler = services.GetRequiredService<ActivityHandler>();
            var invoke = await handler.OnTurnAsync(turn, cancellationToken).ConfigureAwait(false);
            return (invoke, turn.BufferedReplies);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(logger, activity.Type, activity.Conversation?.Id);
            return (null, turn.BufferedReplies);
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, activity.Type, activity.ChannelId, activity.Conversation?.Id);
            await ApologiseAsync(turn, cancellationToken).ConfigureAwait(false);
            await ResetConversationAsync(services, ConversationKey.Of(activity), cancellationToken).ConfigureAwait(false);
            var invoke = activity.Type == ActivityTypes.Invoke
                ? new InvokeResponse(200, new JsonObject
                {
                    ["statusCode"] = 200,
                    ["type"] = "application/vnd.microsoft.activity.message",
                    ["value"] = Apology,
                })
                : null;
            return (invoke, turn.BufferedReplies);
        }
    }

    private async Task ApologiseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            await turn.SendAsync(turn.Activity.CreateReply(Apology), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogApologyFailed(logger, ex, turn.Activity.Conversation?.Id);
        }
    }

    private async Task ResetConversationAsync(IServiceProvider services, string conversationId, CancellationToken cancellationToken)
    {
        if (services.GetService<IConversationReset>() is not { } reset) return;
        try
        {
            await reset.ResetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogResetFailed(logger, ex, conversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for a {ActivityType} activity from {ChannelId} in conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType, string? channelId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology to conversation {ConversationId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, string? conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reset conversation {ConversationId}")]
    private static partial void LogResetFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn cancelled for a {ActivityType} activity in conversation {ConversationId}")]
    private static partial void LogCancelled(ILogger logger, string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged a slow {ActivityType} turn; it continues in the background")]
    private static partial void LogContinuesInBackground(ILogger logger, string? activityType);
}
