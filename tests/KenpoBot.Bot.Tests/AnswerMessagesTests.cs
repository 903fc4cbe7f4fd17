using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Tests;

public sealed class AnswerMessagesTests
{
    private static readonly ReplyComposer Composer = new(Options.Create(new BotFrontEndOptions()));

    private static readonly Citation Plan = new("fy2021", "令和3年度 事業計画", "Ⅱ-1 返納金債権の回収", "2021", "協会全体", "返納金債権の回収率は対前年度以上とする。");

    private static Answer Search(bool byModel, params Citation[] citations) =>
        new("返納金債権の回収率の目標は？", Intent.Search, "返納金債権の回収率は対前年度以上とする。\n・催告を行う。", citations, [], []) { ByModel = byModel };

    private static IReadOnlyList<Activity> Build(Answer answer) =>
        AnswerMessages.Build(RecordingTurn.Incoming(text: answer.Question), Composer.Compose(answer), answer);

    private static JsonObject? MessageEntity(Activity activity) =>
        activity.Entities?.SingleOrDefault(e => e.Type == "https://schema.org/Message")?.Fields();

    [Fact]
    public void ModelAnswer_TextWithMarkersAndCitations_ThenTheCard_BothLabelledWithFeedback()
    {
        var messages = Build(Search(byModel: true, Plan));

        Assert.Equal(2, messages.Count);
        var (text, card) = (messages[0], messages[1]);
        var entity = MessageEntity(text)!;
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        Assert.Equal("", (string?)entity["@id"]);
        Assert.Equal("AIGeneratedContent", (string?)Assert.Single(entity["additionalType"]!.AsArray()));
        Assert.Equal("返納金債権の回収率は対前年度以上とする。[1]\n・催告を行う。", text.Text);
        Assert.Null(text.Attachments);
        CitationMarkersTests.AssertConsistent(text.Text!, entity["citation"]!.AsArray());
        Assert.Single(card.Attachments!);
        Assert.Null(card.Text);
        Assert.Equal("AIGeneratedContent", (string?)MessageEntity(card)!["additionalType"]![0]);
        Assert.Null(MessageEntity(card)!["citation"]);
        Assert.All(messages, m => Assert.True((bool)m.ChannelData!["feedbackLoopEnabled"]!));
        Assert.All(messages, m => Assert.Equal("act-1", m.ReplyToId));
    }

    [Fact]
    public void OfflineAnswer_HasCitationsButNoAiLabel()
    {
        var messages = Build(Search(byModel: false, Plan));

        var entity = MessageEntity(messages[0])!;
        Assert.Null(entity["additionalType"]);
        Assert.Single(entity["citation"]!.AsArray());
        Assert.Contains("[1]", messages[0].Text);
        Assert.Null(messages[1].Entities);
    }

    [Fact]
    public void OfflineAnswerWithoutCitations_OneCardMessage_NoEntityNoText()
    {
        var message = Assert.Single(Build(Search(byModel: false)));

        Assert.Null(message.Entities);
        Assert.Null(message.Text);
        Assert.Single(message.Attachments!);
        Assert.True((bool)message.ChannelData!["feedbackLoopEnabled"]!);
    }

    [Fact]
    public void EveryMessageOfALongModelAnswer_HasFeedbackAndTheLabel_TheLastTheCitations()
    {
        var longText = string.Join("\n\n", Enumerable.Range(1, 1000).Select(i => $"第{i}段落は返納金債権の回収についての説明です。"));
        var answer = new Answer("長い質問", Intent.Search, longText, [Plan], [], []) { ByModel = true };

        var messages = Build(answer);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True((bool)m.ChannelData!["feedbackLoopEnabled"]!));
        Assert.All(messages, m => Assert.Equal("AIGeneratedContent", (string?)MessageEntity(m)!["additionalType"]![0]));
        Assert.All(messages.Where((_, i) => i != messages.Count - 2), m => Assert.Null(MessageEntity(m)!["citation"]));
        var sources = messages[^2];
        Assert.StartsWith(AnswerMessages.SourcesLine + "[1]", sources.Text);
        CitationMarkersTests.AssertConsistent(sources.Text!, MessageEntity(sources)!["citation"]!.AsArray());
    }

    [Fact]
    public void ChannelDataIsSerialisedAsTeamsReadsIt()
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(Build(Search(byModel: true, Plan))[0], ProtocolJson.Options)!;

        Assert.True((bool)json["channelData"]!["feedbackLoopEnabled"]!);
        var entity = json["entities"]![0]!;
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal(1, (int)entity["citation"]![0]!["position"]!);
        Assert.Null(entity["properties"]);
    }
}
