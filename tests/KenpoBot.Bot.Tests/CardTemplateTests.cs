using System.Text.Json.Nodes;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Tests;

public sealed class CardTemplateTests
{
    private static string Expand(string template, string data) =>
        CardTemplate.Parse("test", template).Expand(JsonNode.Parse(data)).Json;

    [Fact]
    public void Expand_Data_RepeatsTheElementPerItem()
    {
        var json = Expand("""{"body":[{"type":"TextBlock","$data":"${items}","text":"・${name}"}]}""", """{"items":[{"name":"達成"},{"name":"未達成"}]}""");

        Assert.Equal("""{"body":[{"type":"TextBlock","text":"・達成"},{"type":"TextBlock","text":"・未達成"}]}""", json);
    }

    [Fact]
    public void Expand_DataOfStrings_UsesDollarData()
    {
        var json = Expand("""{"actions":[{"$data":"${q}","title":"${$data}","data":{"question":"${$data}"}}]}""", """{"q":["返納金債権とは？"]}""");

        Assert.Equal("""{"actions":[{"title":"返納金債権とは？","data":{"question":"返納金債権とは？"}}]}""", json);
    }

    [Fact]
    public void Expand_DataMadeByInterpolation_IsWrittenWithTheCardsOwnEncoder()
    {
        // A $data that is text around an expression is a value the template makes itself; its items are copied into the card as
        // JSON, so they must be written as the card writes (Japanese as is, not \uXXXX).
        var json = Expand("""{"body":[{"type":"TextBlock","$data":"${name}様","text":"${$data}"}]}""", """{"name":"秋田支部"}""");

        Assert.Equal("""{"body":[{"type":"TextBlock","text":"秋田支部様"}]}""", json);
    }

    [Fact]
    public void Expand_EmptyOrMissingData_RemovesTheElement()
    {
        Assert.Equal("""{"body":[]}""", Expand("""{"body":[{"$data":"${items}","text":"x"}]}""", """{"items":[]}"""));
        Assert.Equal("""{"body":[]}""", Expand("""{"body":[{"$data":"${items}","text":"x"}]}""", "{}"));
    }

    [Theory]
    [InlineData("""{"flag":"yes"}""", true)]
    [InlineData("""{"flag":""}""", false)]
    [InlineData("""{"flag":[]}""", false)]
    [InlineData("""{"flag":[1]}""", true)]
    [InlineData("""{"flag":false}""", false)]
    [InlineData("""{"flag":0}""", false)]
    [InlineData("""{}""", false)]
    public void Expand_When_KeepsTheElementOnlyForNonEmptyValues(string data, bool kept)
    {
        var json = Expand("""{"body":[{"$when":"${flag}","text":"a"},{"$when":"${!flag}","text":"b"}]}""", data);

        Assert.Equal(kept ? """{"body":[{"text":"a"}]}""" : """{"body":[{"text":"b"}]}""", json);
    }

    [Fact]
    public void Expand_WholeExpression_KeepsTheJsonType()
    {
        var json = Expand("""{"n":"${n}","o":"${o}","s":"件数: ${n}","r":"${$root.n}"}""", """{"n":3,"o":{"a":1}}""");

        Assert.Equal("""{"n":3,"o":{"a":1},"s":"件数: 3","r":3}""", json);
    }

    [Fact]
    public void Expand_MissingValue_DropsThePropertyOrLeavesNothing()
    {
        Assert.Equal("""{"s":"[]"}""", Expand("""{"t":"${missing}","s":"[${missing}]"}""", "{}"));
    }

    [Fact]
    public void Expand_ValuesThatLookLikeExpressions_StayLiteral()
    {
        var json = Expand("""{"t":"${text}","u":"前 ${text} 後"}""", """{"text":"${$root.secret}","secret":"見えてはいけない"}""");

        Assert.Equal("""{"t":"${$root.secret}","u":"前 ${$root.secret} 後"}""", json);
    }

    [Theory]
    [InlineData("AnswerCard")]
    [InlineData("GlossaryCard")]
    [InlineData("KpiStatusCard")]
    [InlineData("WhatIfCard")]
    [InlineData("ComparisonCard")]
    [InlineData("WelcomeCard")]
    public void Load_EveryCard_IsAnAdaptiveCard15(string name)
    {
        var card = CardTemplate.Load(name).Expand(new JsonObject()).Node;

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.DoesNotContain("${", card.ToJsonString());
    }

    [Fact]
    public void Load_MissingTemplate_SaysWhichResource()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CardTemplate.Load("NoSuchCard"));

        Assert.Equal("Card template 'NoSuchCard' is missing: no embedded resource 'KenpoBot.Bot.Cards.NoSuchCard.json'.", ex.Message);
    }

    [Fact]
    public void WrittenCard_IsSentExactlyAsItsNodesRead_AndMeasuredAsSuch()
    {
        const string template = """
            {"type":"AdaptiveCard","version":"1.5","body":[
              {"type":"TextBlock","text":"${title}","wrap":true,"maxLines":0},
              {"type":"TextBlock","$when":"${!rows}","text":"なし"},
              {"type":"ColumnSet","$data":"${rows}","columns":[{"items":[{"type":"TextBlock","text":"・${name}（${rate}%）","isSubtle":"${muted}"}]}]},
              {"type":"Container","$when":"${note}","items":[{"type":"TextBlock","text":"${note}"}],"selectAction":{"$data":"${links}","url":"${$data}"}}
            ],"fallbackText":"${title}","extra":"${missing}"}
            """;
        var card = CardTemplate.Parse("test", template).Expand(JsonNode.Parse("""
            {"title":"秋田支部 <KPI> & \"達成\"","rows":[{"name":"特定健診","rate":36.4,"muted":false},{"name":"保健指導","rate":1.50,"muted":true}],
             "note":"注記\n改行","links":["https://example.com/a?b=1&c=2","https://example.com/z"]}
            """));

        var sent = System.Text.Json.JsonSerializer.Serialize(card.AsContent(), ProtocolJson.Options); // the kept JSON, written as is
        var read = card.Node.DeepClone().ToJsonString(ProtocolJson.Options); // its nodes, written node by node

        Assert.Equal(read, sent);
        Assert.Equal(read, card.Json);
        Assert.Equal(ProtocolJson.Utf16Size(card.Node.DeepClone()), card.Size);
        Assert.Equal("・保健指導（1.50%）", card["body"]![2]!["columns"]![0]!["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("https://example.com/a?b=1&c=2", card["body"]![3]!["selectAction"]!["url"]!.GetValue<string>());
        Assert.False(card.Node.ContainsKey("extra"));
    }

    [Fact]
    public void ConstantWhen_AndLiteralDataList_FollowTheSameTruthRule()
    {
        var json = Expand("""
            {"body":[{"$when":false,"t":1},{"$when":"","t":2},{"$when":0,"t":3},{"$when":[],"t":4},{"$when":null,"t":5},
                     {"$when":true,"t":6},{"$when":"x","t":7},{"$when":[0],"t":8},{"$when":{},"t":9},{"$when":0.5,"t":10},
                     {"$data":["a","b"],"v":"${$data}"}]}
            """, "{}");

        Assert.Equal("""{"body":[{"t":6},{"t":7},{"t":8},{"t":9},{"t":10},{"v":"a"},{"v":"b"}]}""", json);
    }
}
