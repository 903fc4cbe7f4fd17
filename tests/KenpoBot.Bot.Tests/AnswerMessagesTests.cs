using System.Text.Json;
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

    /// <summary>Every string the card shows (TextBlock texts, fact values), to check the answer is not repeated there.</summary>
    internal static IEnumerable<string> CardTexts(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(p => p.Key != "fallbackText").SelectMany(p =>
            p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var t) ? [t] : CardTexts(p.Value)),
        JsonArray a => a.SelectMany(CardTexts),
        _ => [],
    };

    private static JsonObject CardOf(Activity message) => CardOf(Assert.Single(message.Attachments!));

    /// <summary>The card an attachment carries, as nodes (it travels as the JSON it was written as).</summary>
    internal static JsonObject CardOf(Attachment attachment)
    {
        Assert.True(WrittenCard.TryFrom(attachment.Content, out var card), "the attachment carries a written card");
        return card.Node;
    }

    [Fact]
    public void ModelAnswer_OneMessage_TextWithMarkersCitationsAndLabel_CardWithoutTheAnswer()
    {
        var message = Assert.Single(Build(Search(byModel: true, Plan)));

        var entity = MessageEntity(message)!;
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        Assert.Equal("", (string?)entity["@id"]);
        Assert.Equal("AIGeneratedContent", (string?)Assert.Single(entity["additionalType"]!.AsArray()));
        Assert.Equal("返納金債権の回収率は対前年度以上とする。[1]\n・催告を行う。", message.Text);
        CitationMarkersTests.AssertConsistent(message.Text!, entity["citation"]!.AsArray());
        var card = CardOf(message);
        Assert.DoesNotContain(CardTexts(card), t => t.Contains("対前年度以上とする", StringComparison.Ordinal) || t.Contains("催告を行う", StringComparison.Ordinal));
        Assert.Contains(CardTexts(card), t => t == "令和3年度 事業計画");
        Assert.Contains("返納金債権の回収率は対前年度以上とする。", (string?)card["fallbackText"]);
        Assert.True((bool)message.ChannelData!["feedbackLoopEnabled"]!);
        Assert.Equal("act-1", message.ReplyToId);
    }

    [Fact]
    public void OfflineAnswer_HasCitationsButNoAiLabel()
    {
        var message = Assert.Single(Build(Search(byModel: false, Plan)));

        var entity = MessageEntity(message)!;
        Assert.Null(entity["additionalType"]);
        Assert.Single(entity["citation"]!.AsArray());
        Assert.Contains("[1]", message.Text);
        Assert.Single(message.Attachments!);
    }

    [Fact]
    public void OfflineAnswerWithoutCitations_OneMessage_TextAndCard_NoEntity()
    {
        var message = Assert.Single(Build(Search(byModel: false) with { Suggestions = ["返納金債権とは？"] }));

        Assert.Null(message.Entities);
        Assert.Equal("返納金債権の回収率は対前年度以上とする。\n・催告を行う。", message.Text);
        Assert.DoesNotContain(CardTexts(CardOf(message)), t => t.Contains("対前年度以上とする", StringComparison.Ordinal));
        Assert.True((bool)message.ChannelData!["feedbackLoopEnabled"]!);
    }

    [Fact]
    public void AnswerWithNothingForACard_OneTextMessage()
    {
        var message = Assert.Single(Build(Search(byModel: false)));

        Assert.Null(message.Entities);
        Assert.Null(message.Attachments);
        Assert.Equal("返納金債権の回収率は対前年度以上とする。\n・催告を行う。", message.Text);
        Assert.True((bool)message.ChannelData!["feedbackLoopEnabled"]!);
    }

    [Fact]
    public void ModelMarkersInsideAQuotation_MoveAfterItsClosingBracket()
    {
        var answer = new Answer("q", Intent.Search, "対象は40歳以上とする（75歳以上を除く。[1]）。", [Plan], [], []) { ByModel = true };

        var message = Assert.Single(Build(answer));

        Assert.Equal("対象は40歳以上とする（75歳以上を除く。）[1]。", message.Text);
        CitationMarkersTests.AssertConsistent(message.Text!, MessageEntity(message)!["citation"]!.AsArray());
    }

    [Fact]
    public void EveryMessageOfALongModelAnswer_HasFeedbackAndTheLabel_TheCardMessageTheCitations()
    {
        var longText = string.Join("\n\n", Enumerable.Range(1, 1000).Select(i => $"第{i}段落は返納金債権の回収についての説明です。[1]"));
        var answer = new Answer("長い質問", Intent.Search, longText, [Plan], [], []) { ByModel = true };

        var messages = Build(answer);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True((bool)m.ChannelData!["feedbackLoopEnabled"]!));
        Assert.All(messages, m => Assert.Equal("AIGeneratedContent", (string?)MessageEntity(m)!["additionalType"]![0]));
        // The leading chunks are text alone, without claims, so without markers either.
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.Attachments));
        Assert.All(messages.SkipLast(1), m => Assert.Null(MessageEntity(m)!["citation"]));
        Assert.All(messages.SkipLast(1), m => Assert.DoesNotContain("[1]", m.Text));
        var last = messages[^1];
        Assert.Single(last.Attachments!);
        Assert.EndsWith("説明です。[1]", last.Text);
        CitationMarkersTests.AssertConsistent(last.Text!, MessageEntity(last)!["citation"]!.AsArray());
        Assert.All(messages, m => Assert.True((m.Text?.Length ?? 0) * 2 + (m.Attachments is null ? 0 : ProtocolJson.Utf16Size(m.Attachments[0].Content!)) <= new BotFrontEndOptions().MaxReplyBytes));
    }

    [Fact]
    public void KpiStatusAnswer_OneMessage_TheLeadAsText_TheRowsOnlyInTheCard()
    {
        var kpi = ReplyComposerTests.KpiAnswer();
        var lead = kpi.Text!;
        var answer = kpi with { Text = lead + "\n・レセプト点検の効果額: 達成\n・特定健診受診率: 概ね達成\n判定規則: 目標を満たせば達成。", ByModel = true };

        var message = Assert.Single(Build(answer));

        // The fact-first lead with its citation; the per-KPI lines are the card's rows, and its fallbackText keeps them.
        Assert.Equal(lead + "[1]", message.Text);
        CitationMarkersTests.AssertConsistent(message.Text!, MessageEntity(message)!["citation"]!.AsArray());
        var card = CardOf(message);
        Assert.DoesNotContain(CardTexts(card), t => t.Contains("評価不能 1 です", StringComparison.Ordinal));
        Assert.Equal(4, KpiCardShape.Rows(card).Count());
        Assert.Contains("・レセプト点検の効果額: 達成", (string?)card["fallbackText"]);
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

    [Theory]
    [InlineData(8 * 1024)]
    [InlineData(80 * 1024)]
    public void ManyLongCitations_EveryMessageFitsTheBudget_KeepingTheLeadingCitations(int maxBytes)
    {
        var options = new BotFrontEndOptions { MaxReplyBytes = maxBytes };
        var composer = new ReplyComposer(Options.Create(options));
        var long_ = string.Concat(Enumerable.Repeat("返納金債権の回収率を向上させるため、文書催告と法的手続きを着実に実施する。", 400));
        var citations = Enumerable.Range(1, 20)
            .Select(i => new Citation($"doc{i}", new string('計', 30) + i, new string('節', 60), "2021", "協会全体", new string('文', 400)))
            .ToArray();
        var answer = new Answer("返納金債権の回収率の目標は？", Intent.Search, long_, citations, [], []);

        var messages = AnswerMessages.Build(RecordingTurn.Incoming(text: answer.Question), composer.Compose(answer), answer, maxBytes: maxBytes);

        Assert.All(messages, m => Assert.True(ProtocolJson.Utf16Size(m) <= maxBytes, $"{ProtocolJson.Utf16Size(m)} > {maxBytes} (without entities {ProtocolJson.Utf16Size(m with { Entities = null })}, text {m.Text?.Length})"));
        var cited = messages.Select(MessageEntity).Single(e => e?["citation"] is JsonArray { Count: > 0 });
        var claims = cited!["citation"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, claims.Count), claims.Select(c => (int)c!["position"]!));
    }

    [Fact]
    public void ActivitySize_OfAMessageWithItsCard_IsTheSizeOfTheWholeMessage()
    {
        // The size with each card counted once, from a stand-in, equals the size of the message serialized whole.
        var composer = new ReplyComposer(Options.Create(new BotFrontEndOptions()));
        var citations = new[] { new Citation("doc1", "第6期アクションプラン", "「KPI」\\ <b>", "2024", "協会全体", "返納金債権の回収率 \"65%\"") };
        var answer = new Answer("返納金債権とは？", Intent.Search, "返納金債権とは、資格喪失後の受診で…\n改行と \"引用符\" と </script>", citations, [], []) { Suggestions = ["次の質問？"] };

        var messages = AnswerMessages.Build(RecordingTurn.Incoming(text: answer.Question), composer.Compose(answer), answer);

        var withCard = Assert.Single(messages, m => m.Attachments is { Count: > 0 });
        Assert.Equal(ProtocolJson.Utf16Size(withCard), ProtocolJson.ActivitySize(withCard));
        Assert.Equal(ProtocolJson.Utf16Size(withCard), ProtocolJson.ActivitySize(withCard)); // measured again, from the kept card size
    }

    [Fact]
    public void WrittenCard_IsSentAsItsJson_AndMeasuredAsTheMessageWithItsNodes()
    {
        // A card travels as the JSON it was written as: the message must read and measure as the same message with the card's nodes.
        var card = CardTemplate.Parse("test", """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"${text}"}]}""")
            .Expand(JsonNode.Parse("""{"text":"返納金債権 \"65%\" </script> \\ \u2028"}"""));
        var sent = RecordingTurn.Incoming(text: "q").CreateReply("本文", attachments: [new Attachment { ContentType = Reply.AdaptiveCardContentType, Content = card.AsContent() }]);
        var asNodes = sent with { Attachments = [sent.Attachments![0] with { Content = card.Node.DeepClone() }] };

        Assert.Equal(JsonSerializer.Serialize(asNodes, ProtocolJson.Options), JsonSerializer.Serialize(sent, ProtocolJson.Options));
        Assert.Equal(ProtocolJson.Utf16Size(asNodes), ProtocolJson.ActivitySize(sent));
        Assert.Equal("返納金債権 \"65%\" </script> \\ \u2028", (string?)card["body"]![0]!["text"]);
    }
}
