using System.Text;
using KenpoBot.Assistant;
using KenpoBot.Bot.Protocol;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Streaming;

/// <summary>
/// Streams an answer to a Teams personal chat: typing activities with a streaminfo entity (informative status lines, then
/// the text so far), numbered from 1 under the id the first one got, at most one update per <see cref="MinInterval"/>
/// (text arriving in between is buffered), and the final message with streamType final. When an update fails (the user
/// pressed Stop, the channel refused) the stream stops and the final message is sent as a plain message.
/// </summary>
public sealed partial class TeamsAnswerStream(ITurnContext turn, TimeProvider time, ILogger logger) : IAnswerStream
{
    /// <summary>Teams accepts about one streaming request per second.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1.1);

    /// <summary>Teams refuses informative lines over 1,000 characters.</summary>
    private const int MaxInformative = 1000;

    private readonly StringBuilder _text = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _streamId;
    private int _sequence;
    private int _sentLength;
    private DateTimeOffset _lastSent;
    private bool _broken;

    /// <summary>A stream for this turn, or null where Teams does not stream: outside personal chats, and for expectReplies.</summary>
    public static TeamsAnswerStream? For(ITurnContext turn, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var personal = string.Equals(turn.Activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
        return personal && !turn.ExpectsReplies ? new TeamsAnswerStream(turn, time, logger) : null;
    }

    /// <summary>True once the first update went out: the answer must then end the stream.</summary>
    public bool Started => _sequence > 0 && !_broken;

    public async ValueTask InformAsync(string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once answer text is showing, a status line would replace it.
            if (_broken || _sentLength > 0 || !Due()) return;
            var line = text.Length <= MaxInformative ? text : text[..(MaxInformative - 1)] + "…";
            await SendUpdateAsync(line, StreamTypes.Informative, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask AppendAsync(string delta, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(delta)) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _text.Append(delta);
            if (_broken || !Due() || string.IsNullOrWhiteSpace(_text.ToString())) return;
            var text = _text.ToString();
            await SendUpdateAsync(text, StreamTypes.Streaming, cancellationToken).ConfigureAwait(false);
            if (!_broken) _sentLength = text.Length;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends the answer's first message: as the stream's final message when the stream started, as a plain message otherwise.</summary>
    public async Task<ResourceResponse> FinishAsync(Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Started) return await turn.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var final = message with { Entities = [.. message.Entities ?? [], AiEntities.StreamInfo(_streamId, StreamTypes.Final, null)] };
            var response = await turn.SendAsync(final, cancellationToken).ConfigureAwait(false);
            // Teams answers the final message with the stream's id, which is also the message a reaction names.
            return new ResourceResponse(response.Id ?? _streamId);
        }
        finally
        {
            _broken = true;
            _gate.Release();
        }
    }

    private bool Due() => _sequence == 0 || time.GetUtcNow() - _lastSent >= MinInterval;

    private async Task SendUpdateAsync(string text, string streamType, CancellationToken cancellationToken)
    {
        var sequence = _sequence + 1;
        var update = turn.Activity.CreateTyping() with
        {
            Text = text,
            Entities = [AiEntities.StreamInfo(_streamId, streamType, sequence)],
        };
        try
        {
            var response = await turn.SendAsync(update, cancellationToken).ConfigureAwait(false);
            if (_streamId is null)
            {
                // Without an id later updates cannot name the stream: give up streaming, the answer still comes whole.
                if (string.IsNullOrEmpty(response.Id)) { _broken = true; LogNoStreamId(logger); return; }
                _streamId = response.Id;
            }
            _sequence = sequence;
            _lastSent = time.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _broken = true;
            LogUpdateFailed(logger, ex, streamType, sequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {StreamType} stream update (sequence {Sequence}) failed; the answer is sent as one message")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, string streamType, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The channel gave the first stream update no id; the answer is sent as one message")]
    private static partial void LogNoStreamId(ILogger logger);
}
