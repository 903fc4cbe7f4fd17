using System.Text.Json.Nodes;
using KenpoBot.Bot.Feedback;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Tests.Support;

namespace KenpoBot.Bot.Tests;

public sealed class FeedbackInvokeTests
{
    private static Activity Invoke(JsonNode? value, string? replyToId = "sent-1") =>
        RecordingTurn.Incoming(ActivityTypes.Invoke) with { Name = FeedbackInvoke.Name, Value = value, ReplyToId = replyToId };

    private static JsonObject Value(string reaction, JsonNode? feedback) => new()
    {
        ["actionName"] = "feedback",
        ["actionValue"] = new JsonObject { ["reaction"] = reaction, ["feedback"] = feedback },
    };

    [Fact]
    public void TeamsPayload_ReadsReactionCommentAndTarget()
    {
        Assert.True(FeedbackInvoke.TryRead(Invoke(Value("dislike", "{\"feedbackText\":\"数字が 違う\\u0007\"}")), out var parsed, out _));

        Assert.Equal(new FeedbackInvoke.Parsed("dislike", "数字が 違う", "sent-1"), parsed);
    }

    [Fact]
    public void NoReplyToId_AsAgentsPlaygroundSends_ReadWithoutATarget()
    {
        Assert.True(FeedbackInvoke.TryRead(Invoke(Value("like", "良い"), replyToId: null), out var parsed, out _));

        Assert.Null(parsed!.ReplyToId);
    }

    [Theory]
    [InlineData("not json at all", "not json at all")]
    [InlineData("123", "123")]
    [InlineData("", "")]
    [InlineData("{\"other\":1}", "")]
    public void FeedbackString_NotTheUsualJson_KeptAsTextOrEmpty(string feedback, string expected)
    {
        Assert.True(FeedbackInvoke.TryRead(Invoke(Value("like", feedback)), out var parsed, out _));
        Assert.Equal(expected, parsed!.Comment);
    }

    [Fact]
    public void FeedbackObject_AndHugeComment_ClippedNotRefused()
    {
        var huge = new string('あ', 50_000);

        Assert.True(FeedbackInvoke.TryRead(Invoke(Value("dislike", new JsonObject { ["feedbackText"] = huge })), out var parsed, out _));
        Assert.Equal(FeedbackInvoke.MaxComment, parsed!.Comment.Length);
    }

    public static TheoryData<string, JsonNode?, string?> Malformed => new()
    {
        { "no value", null, "sent-1" },
        { "value is an array", new JsonArray(1, 2), "sent-1" },
        { "other action", new JsonObject { ["actionName"] = "share" }, "sent-1" },
        { "no reaction", new JsonObject { ["actionName"] = "feedback", ["actionValue"] = new JsonObject() }, "sent-1" },
        { "unknown reaction", Value("love", "{}"), "sent-1" },
        { "reaction as number", new JsonObject { ["actionName"] = "feedback", ["actionValue"] = new JsonObject { ["reaction"] = 1 } }, "sent-1" },
        { "actionValue as string", new JsonObject { ["actionName"] = "feedback", ["actionValue"] = "like" }, "sent-1" },
        { "huge replyToId", Value("like", "{}"), new string('x', 300) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_RefusedWithAJapaneseMessage(string because, JsonNode? value, string? replyToId)
    {
        Assert.False(FeedbackInvoke.TryRead(Invoke(value, replyToId), out var parsed, out var error), because);
        Assert.Null(parsed);
        Assert.Contains("フィードバック", error);
    }

    [Fact]
    public void DuplicateKeys_RefusedNotThrown()
    {
        var value = JsonNode.Parse("""{"actionName":"feedback","actionName":"feedback","actionValue":{"reaction":"like"}}""");

        Assert.False(FeedbackInvoke.TryRead(Invoke(value), out _, out var error));
        Assert.NotNull(error);
    }
}
