using System.Text.Json.Nodes;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Tests;

public sealed class IncomingQuestionTests
{
    private static Activity Message(string? text, JsonNode? value = null, params Entity[] entities) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Value = value,
        Recipient = new ChannelAccount { Id = "28:bot", Name = "KenpoBot" },
        Entities = entities,
    };

    private static Entity Mention(string id, string name, string markup) => new()
    {
        Type = "mention",
        Mentioned = new ChannelAccount { Id = id, Name = name },
        Text = JsonValue.Create(markup),
    };

    [Theory]
    [InlineData("<at>KenpoBot</at> 返納金債権とは？", "返納金債権とは？")]
    [InlineData("返納金債権とは？ <at>KenpoBot</at>", "返納金債権とは？")]
    [InlineData("<at>KenpoBot</at>&nbsp;第6期の特定保健指導のKPIは？", "第6期の特定保健指導のKPIは？")]
    [InlineData("<at>KenpoBot</at>", "")]
    public void Read_StripsTheBotMentionByEntity(string text, string expected)
    {
        var activity = Message(text, null, Mention("28:bot", "KenpoBot", "<at>KenpoBot</at>"));

        Assert.Equal(expected, IncomingQuestion.Read(activity));
    }

    [Fact]
    public void Read_StripsTheBotMentionByNameWithoutEntity()
    {
        Assert.Equal("返納金債権とは？", IncomingQuestion.Read(Message("<AT>kenpobot</AT> 返納金債権とは？")));
    }

    [Fact]
    public void Read_KeepsOtherPeoplesNamesWithoutTags()
    {
        var activity = Message("<at>KenpoBot</at> <at>田中 太郎</at>さんに秋田支部のKPIを説明して", null,
            Mention("28:bot", "KenpoBot", "<at>KenpoBot</at>"),
            Mention("29:tanaka", "田中 太郎", "<at>田中 太郎</at>"));

        Assert.Equal("田中 太郎さんに秋田支部のKPIを説明して", IncomingQuestion.Read(activity));
    }

    [Fact]
    public void Read_MentionEntityOfSomeoneElse_IsNotRemoved()
    {
        var activity = Message("<at>Other Bot</at> こんにちは", null, Mention("28:other", "Other Bot", "<at>Other Bot</at>"));

        Assert.Equal("Other Bot こんにちは", IncomingQuestion.Read(activity));
    }

    [Fact]
    public void Read_UnclosedAtTags_AreLeftAsText()
    {
        var text = string.Concat(Enumerable.Repeat("<at>", 50_000));

        Assert.Equal(text, IncomingQuestion.Read(Message(text)));
    }

    [Fact]
    public void Read_CardValueQuestion_WinsOverText()
    {
        var activity = Message(null, new JsonObject { ["question"] = "秋田支部の令和5年度のKPIの達成状況は？" });

        Assert.Equal("秋田支部の令和5年度のKPIの達成状況は？", IncomingQuestion.Read(activity));
    }

    [Fact]
    public void Read_StringValue_IsTheQuestion()
    {
        Assert.Equal("返納金債権とは？", IncomingQuestion.Read(Message("無視", JsonValue.Create("返納金債権とは？"))));
    }

    [Fact]
    public void Read_ValueText_IsTheQuestion()
    {
        Assert.Equal("返納金債権とは？", IncomingQuestion.Read(Message(null, new JsonObject { ["text"] = "返納金債権とは？" })));
    }

    [Fact]
    public void Read_ValueWithoutQuestion_FallsBackToText()
    {
        Assert.Equal("本文", IncomingQuestion.Read(Message("本文", new JsonObject { ["question"] = 5, ["other"] = "x" })));
    }

    [Theory]
    [InlineData("返納金\u0000債権\u0007とは？", "返納金 債権 とは？")]
    [InlineData("\u202E返納金債権とは？\u202C", "返納金債権とは？")]
    [InlineData("  返納金債権とは？\r\n\r\n\r\n\r\n補足  ", "返納金債権とは？\n\n補足")]
    [InlineData("返納金　　債権", "返納金 債権")]
    [InlineData("😀 絵文字 👍🏽", "😀 絵文字 👍🏽")]
    [InlineData("مرحبا עברית", "مرحبا עברית")]
    public void Read_CleansControlCharacters(string text, string expected)
    {
        Assert.Equal(expected, IncomingQuestion.Read(Message(text)));
    }

    [Fact]
    public void ReadInvoke_ReadsTheActionData()
    {
        var activity = Message(null, new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["data"] = new JsonObject { ["question"] = "返納金債権とは？" } } });

        Assert.Equal("返納金債権とは？", IncomingQuestion.ReadInvoke(activity));
    }
}
