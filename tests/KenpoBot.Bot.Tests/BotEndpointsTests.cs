using System.Net;
using System.Text.Json.Nodes;
using KenpoBot.Bot.Tests.Support;

namespace KenpoBot.Bot.Tests;

public sealed class BotEndpointsTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;
    private BotServer _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _bot = await BotServer.StartAsync(replyTo: _channel);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Post_Message_PostsTheAnswerToTheEscapedReplyUrl()
    {
        var response = await _bot.PostAsync(Activities.Message(_channel.ServiceUrl("_connector"), "返納金債権とは？"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var request = Assert.Single(await _channel.WaitForAsync(1));
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_connector/v3/conversations/a%3A1%3Bmessageid%3D1700000000000/activities/1700000000001", request.RawTarget);
        Assert.Null(request.Authorization);
        var body = request.Body!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("1700000000001", (string?)body["replyToId"]);
        Assert.Equal(Activities.BotId, (string?)body["from"]!["id"]);
        Assert.Equal("29:user-id", (string?)body["recipient"]!["id"]);
        Assert.Equal(Activities.ConversationId, (string?)body["conversation"]!["id"]);
        Assert.Equal("回答: 返納金債権とは？", (string?)body["text"]);
    }

    [Fact]
    public async Task Post_ServiceUrlWithTrailingSlash_JoinsWithOneSlash()
    {
        await _bot.PostAsync(Activities.Message(_channel.ServiceUrl("amer") + "/", "返納金債権とは？"));

        var request = Assert.Single(await _channel.WaitForAsync(1));
        Assert.StartsWith("/amer/v3/conversations/", request.RawTarget);
    }

    [Fact]
    public async Task Post_ExpectReplies_ReturnsTheRepliesInTheBody()
    {
        var response = await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？", deliveryMode: "expectReplies"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength); // sent whole, with its length
        var body = JsonNode.Parse(bytes)!;
        var reply = Assert.Single(body["activities"]!.AsArray())!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Equal("1700000000001", (string?)reply["replyToId"]);
        Assert.Equal("回答: 返納金債権とは？", (string?)reply["text"]);
        await Task.Delay(200);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Post_ExpectRepliesOversizedQuestion_ReturnsTheJapaneseRefusal()
    {
        var response = await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), new string('あ', 2500), deliveryMode: "expectReplies"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ご質問が長すぎます（2,500 文字）。2,000 文字以内で入力してください。", (string?)body["activities"]![0]!["text"]);
        Assert.Empty(_bot.Assistant.Asked);
    }

    [Fact]
    public async Task Post_OversizedQuestion_PostsTheJapaneseRefusal()
    {
        await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), new string('x', 2001)));

        var request = Assert.Single(await _channel.WaitForAsync(1));
        Assert.Equal("ご質問が長すぎます（2,001 文字）。2,000 文字以内で入力してください。", (string?)request.Body!["text"]);
    }

    [Fact]
    public async Task Post_GroupChatMention_AsksWithoutTheMention()
    {
        var activity = Activities.Message(_channel.ServiceUrl(), "<at>KenpoBot</at> 第6期の特定保健指導のKPIは？", deliveryMode: "expectReplies");
        activity["conversation"]!["isGroup"] = true;
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>KenpoBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = Activities.BotId, ["name"] = Activities.BotName },
        });

        await _bot.PostAsync(activity);

        Assert.Equal("第6期の特定保健指導のKPIは？", Assert.Single(_bot.Assistant.Asked).Question);
    }

    [Fact]
    public async Task Post_CardSubmit_AsksTheValueQuestion()
    {
        var activity = Activities.Message(_channel.ServiceUrl(), null, deliveryMode: "expectReplies");
        activity["value"] = new JsonObject { ["question"] = "秋田支部の令和5年度のKPIの達成状況は？" };

        await _bot.PostAsync(activity);

        Assert.Equal("秋田支部の令和5年度のKPIの達成状況は？", Assert.Single(_bot.Assistant.Asked).Question);
    }

    [Fact]
    public async Task Post_BotAddedToConversation_PostsTheWelcomeCard()
    {
        await _bot.PostAsync(Activities.ConversationUpdate(_channel.ServiceUrl()));

        var request = Assert.Single(await _channel.WaitForAsync(1));
        Assert.Equal("KenpoBot へようこそ", (string?)request.Body!["attachments"]![0]!["content"]!["body"]![0]!["text"]);
        Assert.Equal("/amer/v3/conversations/a%3A1%3Bmessageid%3D1700000000000/activities/f%3Aupdate", request.RawTarget);
    }

    [Fact]
    public async Task Post_InvokeCardAction_ReturnsTheInvokeResponseAndPostsTheAnswer()
    {
        var value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["data"] = new JsonObject { ["question"] = "返納金債権とは？" } } };

        var response = await _bot.PostAsync(Activities.Invoke(_channel.ServiceUrl(), "adaptiveCard/action", value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"回答を送信しました。"}""", await response.Content.ReadAsStringAsync());
        Assert.Single(await _channel.WaitForAsync(1));
    }

    [Fact]
    public async Task Post_InstallationUpdate_Is200AndSendsNothing()
    {
        var activity = Activities.Base("installationUpdate", _channel.ServiceUrl(), "msteams", null, "f:install", new JsonObject { ["action"] = "add" });

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Post_WrongContentType_Is400InJapanese()
    {
        var response = await _bot.PostRawAsync("{}"u8.ToArray(), "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Content-Type が正しくありません", (string?)problem["title"]);
        Assert.Equal("Content-Type は application/json（UTF-8）にしてください。", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Post_MissingConversationId_Is400NamingTheField()
    {
        var activity = Activities.Message(_channel.ServiceUrl(), "返納金債権とは？");
        activity["conversation"]!["id"] = null;

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("アクティビティが正しくありません", (string?)problem["title"]);
        Assert.Equal("アクティビティの必須項目「conversation.id」がないか、値が正しくありません。", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Post_ServiceUrlElsewhereWithoutAuthentication_Is403AndPostsNothing()
    {
        var response = await _bot.PostAsync(Activities.Message("https://smba.trafficmanager.net/amer", "返納金債権とは？"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("認証なしのモードでは、KenpoBot:UnauthenticatedServiceUrls に登録した serviceUrl にしか返信できません。", (string?)problem["detail"]);
        Assert.Empty(_bot.Assistant.Asked);
    }

    [Fact]
    public async Task Post_UnauthenticatedByDefault_RepliesOnlyToTheAgentsPlayground()
    {
        await using var bot = await BotServer.StartAsync();

        var playground = await bot.PostAsync(Activities.Message("http://localhost:56150/_connector", "返納金債権とは？"));
        var otherLoopback = await bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？"));

        Assert.Equal(HttpStatusCode.OK, playground.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherLoopback.StatusCode);
        await Task.Delay(200);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Post_ConnectorThrottles_ReplyIsRetried()
    {
        _channel.RespondWith(429, 503);

        await _bot.PostAsync(Activities.Message(_channel.ServiceUrl(), "返納金債権とは？"));

        var requests = await _channel.WaitForAsync(3);
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.RawTarget).Distinct());
    }
}
