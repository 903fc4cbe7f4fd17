using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Tests;

public sealed class ActivityHandlerTests
{
    private readonly ScriptedAssistant _assistant = new();

    private ActivityHandler Handler(BotFrontEndOptions? options = null)
    {
        var o = Options.Create(options ?? new BotFrontEndOptions());
        return new ActivityHandler(_assistant, new ReplyComposer(o), o, NullLogger<ActivityHandler>.Instance);
    }

    [Fact]
    public async Task Message_SendsTheAnswerAsAReply_OneMessage_TextAndACardThatDoesNotRepeatIt()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "返納金債権とは？"));

        var invoke = await Handler().OnTurnAsync(turn, CancellationToken.None);

        Assert.Null(invoke);
        Assert.Equal(("msteams/tenant-1/conv-1", "返納金債権とは？"), Assert.Single(_assistant.Asked));
        var reply = Assert.Single(turn.Messages);
        Assert.Equal("act-1", reply.ReplyToId);
        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("29:user", reply.Recipient!.Id);
        Assert.Equal("conv-1", reply.Conversation!.Id);
        Assert.Equal("http://127.0.0.1:9/amer", reply.ServiceUrl);
        Assert.Equal("回答: 返納金債権とは？", reply.Text);
        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = AnswerMessagesTests.CardOf(attachment);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.DoesNotContain(AnswerMessagesTests.CardTexts(card), t => t.Contains("回答: ", StringComparison.Ordinal));
        Assert.Equal("返納金債権とは？", (string?)card["actions"]![0]!["data"]!["question"]);
    }

    [Fact]
    public async Task Message_WithBotMention_AsksWithoutTheMention()
    {
        var activity = RecordingTurn.Incoming(text: "<at>KenpoBot</at> 第6期の特定保健指導のKPIは？") with
        {
            Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "28:bot" }, Text = JsonValue.Create("<at>KenpoBot</at>") }],
        };

        await Handler().OnTurnAsync(new RecordingTurn(activity), CancellationToken.None);

        Assert.Equal("第6期の特定保健指導のKPIは？", Assert.Single(_assistant.Asked).Question);
    }

    [Fact]
    public async Task Message_FromCardButton_AsksTheValueQuestion()
    {
        var activity = RecordingTurn.Incoming() with { Value = new JsonObject { ["question"] = "秋田支部の令和5年度のKPIの達成状況は？" } };

        await Handler().OnTurnAsync(new RecordingTurn(activity), CancellationToken.None);

        Assert.Equal("秋田支部の令和5年度のKPIの達成状況は？", Assert.Single(_assistant.Asked).Question);
    }

    [Fact]
    public async Task Message_LongerThanTheLimit_IsRefusedInJapanese()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: new string('あ', 2001)));

        await Handler().OnTurnAsync(turn, CancellationToken.None);

        Assert.Empty(_assistant.Asked);
        Assert.Equal("ご質問が長すぎます（2,001 文字）。2,000 文字以内で入力してください。", Assert.Single(turn.Messages).Text);
    }

    [Fact]
    public async Task Message_AtTheLimit_IsAnswered()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: new string('あ', 50)));

        await Handler(new BotFrontEndOptions { MaxQuestionLength = 50 }).OnTurnAsync(turn, CancellationToken.None);

        Assert.Single(_assistant.Asked);
    }

    [Fact]
    public async Task Message_OverAConfiguredLimit_NamesThatLimit()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: new string('a', 51)));

        await Handler(new BotFrontEndOptions { MaxQuestionLength = 50 }).OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal("ご質問が長すぎます（51 文字）。50 文字以内で入力してください。", Assert.Single(turn.Messages).Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<at>KenpoBot</at>")]
    public async Task Message_Empty_AsksForAQuestion(string? text)
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: text));

        await Handler().OnTurnAsync(turn, CancellationToken.None);

        Assert.Empty(_assistant.Asked);
        Assert.Equal("ご質問をどうぞ。例: 「返納金債権とは？」", Assert.Single(turn.Messages).Text);
    }

    [Fact]
    public async Task Message_SlowAnswer_SendsTypingFirst()
    {
        _assistant.Script = async (q, ct) =>
        {
            await Task.Delay(300, ct);
            return ScriptedAssistant.Echo(q);
        };
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "返納金債権とは？"));

        await Handler(new BotFrontEndOptions { TypingDelay = TimeSpan.FromMilliseconds(20) }).OnTurnAsync(turn, CancellationToken.None);

        var sent = turn.Sent.ToList();
        Assert.Equal(ActivityTypes.Typing, sent[0].Type);
        Assert.Equal("act-1", sent[0].ReplyToId);
        Assert.Equal(ActivityTypes.Message, sent[^1].Type);
        Assert.Single(turn.Messages);
    }

    [Fact]
    public async Task Message_FastAnswer_SendsNoTyping()
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "返納金債権とは？"));

        await Handler(new BotFrontEndOptions { TypingDelay = TimeSpan.FromSeconds(5) }).OnTurnAsync(turn, CancellationToken.None);

        Assert.DoesNotContain(turn.Sent, a => a.Type == ActivityTypes.Typing);
    }

    [Fact]
    public async Task Message_ExpectReplies_SendsNoTyping()
    {
        _assistant.Script = async (q, ct) =>
        {
            await Task.Delay(100, ct);
            return ScriptedAssistant.Echo(q);
        };
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "返納金債権とは？"), expectsReplies: true);

        await Handler(new BotFrontEndOptions { TypingDelay = TimeSpan.FromMilliseconds(10) }).OnTurnAsync(turn, CancellationToken.None);

        Assert.DoesNotContain(turn.Sent, a => a.Type == ActivityTypes.Typing);
    }

    [Fact]
    public async Task ConversationUpdate_BotAdded_SendsTheWelcomeCard()
    {
        var activity = RecordingTurn.Incoming(ActivityTypes.ConversationUpdate) with
        {
            MembersAdded = [new ChannelAccount { Id = "29:user" }, new ChannelAccount { Id = "28:bot" }],
        };
        var turn = new RecordingTurn(activity);

        await Handler().OnTurnAsync(turn, CancellationToken.None);

        var card = AnswerMessagesTests.CardOf(Assert.Single(Assert.Single(turn.Messages).Attachments!));
        Assert.Equal("KenpoBot へようこそ", (string?)card["body"]![0]!["text"]);
        var questions = card["actions"]!.AsArray().Select(a => (string?)a!["data"]!["question"]).ToList();
        Assert.Equal(["返納金債権とは？", "第6期の特定保健指導のKPIは？", "秋田支部の令和5年度のKPIの達成状況は？"], questions);
    }

    [Fact]
    public async Task ConversationUpdate_OnlyUsersAdded_SendsNothing()
    {
        var activity = RecordingTurn.Incoming(ActivityTypes.ConversationUpdate) with { MembersAdded = [new ChannelAccount { Id = "29:user" }] };
        var turn = new RecordingTurn(activity);

        await Handler().OnTurnAsync(turn, CancellationToken.None);

        Assert.Empty(turn.Sent);
    }

    [Fact]
    public async Task Invoke_AdaptiveCardAction_AnswersAndReturnsAMessageResponse()
    {
        var activity = RecordingTurn.Incoming(ActivityTypes.Invoke) with
        {
            Name = "adaptiveCard/action",
            Value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["data"] = new JsonObject { ["question"] = "返納金債権とは？" } } },
        };
        var turn = new RecordingTurn(activity);

        var invoke = await Handler().OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal(200, invoke!.Status);
        Assert.Equal("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"回答を送信しました。"}""", invoke.Body!.ToJsonString(Protocol.ProtocolJson.Options));
        Assert.Equal("返納金債権とは？", Assert.Single(_assistant.Asked).Question);
        Assert.Single(turn.Messages);
    }

    [Fact]
    public async Task Invoke_AdaptiveCardActionWithoutQuestion_Returns400ErrorResponse()
    {
        var activity = RecordingTurn.Incoming(ActivityTypes.Invoke) with { Name = "adaptiveCard/action", Value = new JsonObject { ["action"] = new JsonObject() } };

        var invoke = await Handler().OnTurnAsync(new RecordingTurn(activity), CancellationToken.None);

        Assert.Equal(400, invoke!.Status);
        Assert.Equal("application/vnd.microsoft.error", (string?)invoke.Body!["type"]);
        Assert.Equal("カードのボタンに質問がありません。", (string?)invoke.Body["value"]!["message"]);
        Assert.Empty(_assistant.Asked);
    }

    [Fact]
    public async Task Invoke_OtherName_Returns200WithoutBody()
    {
        var activity = RecordingTurn.Incoming(ActivityTypes.Invoke) with { Name = "task/fetch" };

        var invoke = await Handler().OnTurnAsync(new RecordingTurn(activity), CancellationToken.None);

        Assert.Equal(new InvokeResponse(200, null), invoke);
    }

    [Theory]
    [InlineData(ActivityTypes.Typing)]
    [InlineData(ActivityTypes.MessageReaction)]
    [InlineData(ActivityTypes.InstallationUpdate)]
    [InlineData("endOfConversation")]
    [InlineData("somethingNew")]
    public async Task OtherActivityTypes_AreIgnored(string type)
    {
        var turn = new RecordingTurn(RecordingTurn.Incoming(type, "返納金債権とは？"));

        var invoke = await Handler().OnTurnAsync(turn, CancellationToken.None);

        Assert.Null(invoke);
        Assert.Empty(turn.Sent);
        Assert.Empty(_assistant.Asked);
    }

    [Fact]
    public async Task Message_AssistantFailure_IsLeftToTheAdapter()
    {
        _assistant.Script = (_, _) => throw new InvalidOperationException("index missing");
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "返納金債権とは？"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Handler().OnTurnAsync(turn, CancellationToken.None));

        Assert.Equal("index missing", ex.Message);
    }

    [Fact]
    public async Task Message_GlossaryAnswer_SendsTheGlossaryCard()
    {
        _assistant.Script = (q, _) => Task.FromResult(ReplyComposerTests.GlossaryAnswer());
        var turn = new RecordingTurn(RecordingTurn.Incoming(text: "返納金債権とは？"));

        await Handler().OnTurnAsync(turn, CancellationToken.None);

        // One message: the cited answer's text (with its [1] and the claim) and the glossary card.
        var message = Assert.Single(turn.Messages);
        Assert.Contains("[1]", message.Text);
        var entity = message.Entities!.Single(e => e.Type == AiEntities.MessageType).Fields()!;
        CitationMarkersTests.AssertConsistent(message.Text!, entity["citation"]!.AsArray());
        var card = AnswerMessagesTests.CardOf(Assert.Single(message.Attachments!));
        Assert.Equal("返納金債権", (string?)card["body"]![0]!["text"]);
    }

}
