using System.Collections.Concurrent;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Streaming;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KenpoBot.Bot.Tests;

public sealed class TeamsAnswerStreamTests
{
    private readonly ManualTime _time = new();

    private static string? StreamType(Activity a) =>
        a.Entities?.SingleOrDefault(e => e.Type == "streaminfo")?.Fields()["streamType"]?.GetValue<string>();

    [Fact]
    public async Task StatusAfterText_Ignored_LongStatusClipped()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "質問"));
        var stream = new TeamsAnswerStream(turn, _time, NullLogger.Instance);

        await stream.InformAsync(new string('検', 1500), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        await stream.AppendAsync("答え", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        await stream.InformAsync("まだ検索中…", CancellationToken.None);

        var sent = turn.Sent.ToList();
        Assert.Equal(["informative", "streaming"], sent.Select(StreamType));
        Assert.Equal(1000, sent[0].Text!.Length);
        Assert.True(stream.Started);
    }

    [Fact]
    public async Task NoIdForTheFirstUpdate_StreamingStops_TheAnswerGoesAsAPlainMessage()
    {
        var turn = new NoIdTurn(RecordingTurn.Incoming(text: "質問"));
        var stream = new TeamsAnswerStream(turn, _time, NullLogger.Instance);

        await stream.InformAsync("資料を検索しています…", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        await stream.AppendAsync("答え", CancellationToken.None);
        await stream.FinishAsync(RecordingTurn.Incoming().CreateReply("答え"), CancellationToken.None);

        Assert.Equal(2, turn.Sent.Count);
        Assert.Null(StreamType(turn.Sent.Last()));
        Assert.Equal(ActivityTypes.Message, turn.Sent.Last().Type);
    }

    [Fact]
    public async Task NothingStreamed_FinishSendsThePlainMessage()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "質問"));
        var stream = new TeamsAnswerStream(turn, _time, NullLogger.Instance);

        var sent = await stream.FinishAsync(RecordingTurn.Incoming().CreateReply("答え"), CancellationToken.None);

        Assert.Equal("sent-1", sent.Id);
        Assert.Null(StreamType(Assert.Single(turn.Sent)));
    }

    [Fact]
    public void OnlyPersonalChatsWithoutExpectReplies_Stream()
    {
        var personal = RecordingTurn.Incoming(text: "質問");
        var group = personal with { Conversation = personal.Conversation! with { ConversationType = "groupChat" } };

        Assert.NotNull(TeamsAnswerStream.For(new RecordingTurn(personal), _time, NullLogger.Instance));
        Assert.Null(TeamsAnswerStream.For(new RecordingTurn(personal, expectsReplies: true), _time, NullLogger.Instance));
        Assert.Null(TeamsAnswerStream.For(new RecordingTurn(group), _time, NullLogger.Instance));
    }

    /// <summary>A channel that accepts everything and names nothing.</summary>
    private sealed class NoIdTurn(Activity activity) : ITurnContext
    {
        public Activity Activity { get; } = activity;
        public bool ExpectsReplies => false;
        public ConcurrentQueue<Activity> Sent { get; } = new();

        public Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken)
        {
            Sent.Enqueue(reply);
            return Task.FromResult(new ResourceResponse(null));
        }
    }
}
