namespace KenpoBot.Bot.Protocol;

/// <summary>
/// One incoming activity and the way to answer it. This is the narrow seam the Bot Framework SDK's
/// <c>ITurnContext</c> can replace later: the handler sees nothing else of the protocol.
/// </summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>True when the replies go back in the HTTP response (<c>deliveryMode: expectReplies</c>).</summary>
    bool ExpectsReplies { get; }

    /// <summary>
    /// Sends <paramref name="reply"/> (made with <see cref="ActivityReplies"/>) to the conversation; returns the id the
    /// channel gave it (a stream's id, the message a reaction will name), or a null id when none is known.
    /// </summary>
    Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken);
}

/// <summary>Sends replies to the connector, or buffers them for an <c>expectReplies</c> response.</summary>
public sealed class TurnContext(Activity activity, IConnectorClient connector) : ITurnContext
{
    private readonly List<Activity> _buffered = [];
    private readonly Lock _gate = new();

    public Activity Activity { get; } = activity;

    public bool ExpectsReplies { get; } = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);

    /// <summary>The replies kept for the HTTP response, in order.</summary>
    public IReadOnlyList<Activity> BufferedReplies
    {
        get { lock (_gate) return [.. _buffered]; }
    }

    public async Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (ExpectsReplies)
        {
            // A typing indicator means nothing once the whole answer comes back in one response.
            if (reply.Type == ActivityTypes.Typing) return new ResourceResponse(null);
            // No connector assigns an id here, so the bot does: a feedback invoke names the message by it.
            var buffered = reply.Id is null ? reply with { Id = "kb-" + Guid.NewGuid().ToString("N") } : reply;
            lock (_gate) _buffered.Add(buffered);
            return new ResourceResponse(buffered.Id);
        }

        return await connector.SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }
}
