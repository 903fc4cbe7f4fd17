using System.Text.Json.Nodes;
using KenpoBot.Assistant;
using KenpoBot.Bot.Cards;
using KenpoBot.Bot.Protocol;
using KenpoBot.Corpus;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Tests;

public sealed class ReplyComposerTests
{
    private const int TeamsBudget = 80 * 1024;

    private readonly ReplyComposer _composer = new(Options.Create(new BotFrontEndOptions()));

    public static Answer GlossaryAnswer() =>
        new("返納金債権とは？", Intent.Glossary, "返納金債権とは、資格喪失後受診などで生じた返納金を請求する債権です。",
            [new Citation("akita-2025", "秋田支部 令和7年度 事業計画", "用語の説明", "2025", "秋田", "…")], [], [])
        {
            Term = new GlossaryEntry("返納金債権", "へんのうきんさいけん", ["返納金"], "資格喪失後受診などにより発生した返納金を請求する債権。",
                ["akita-2025#glossary"], ["債権回収率", "資格喪失後受診"], true, new SourceLocation("corpus/glossary/glossary.tsv", 12)),
        };

    public static Answer KpiAnswer() =>
        new("秋田支部の令和5年度のKPIの達成状況は？", Intent.KpiStatus, "秋田支部の令和5年度の KPI は、達成 1、概ね達成 1、未達成 1、評価不能 1 です。",
            [new Citation("tohoku-2023", "令和5年度 事業報告（東北）", "KPI 一覧", "2023", "秋田", "…")],
            [
                new KpiEvaluationView("t23-akita-01", "レセプト点検の効果額", "秋田", 2023, "対前年度以上", null, 7215m, 7000m, null, "前年度 7,000円に対し実績 7,215円のため達成", "達成"),
                new KpiEvaluationView("t23-akita-02", "特定健診受診率", "秋田", 2023, "65.5%以上", 65.5m, 63.2m, null, 0.9649m, "目標 65.5% 以上に対し実績 63.2%。達成度 96.5%（95%以上）のため概ね達成", "概ね達成"),
                new KpiEvaluationView("t23-akita-03", "特定保健指導実施率", "秋田", 2023, "35.0%以上", 35.0m, 20.1m, null, 0.5743m, "目標 35.0% 以上に対し実績 20.1%。達成度 57.4% のため未達成", "未達成"),
                new KpiEvaluationView("t23-akita-04", "ジェネリック医薬品使用割合", "秋田", 2023, "80.0%以上", 80.0m, null, null, null, "実績が公表されていないため評価不能", "評価不能"),
            ],
            [])
        {
            Summary = new KpiSummaryView("秋田", 2023, 1, 1, 1, 1),
            Suggestions = ["秋田支部の令和4年度のKPIの達成状況は？"],
        };

    [Fact]
    public void Compose_SearchAnswer_FillsTheAnswerCard()
    {
        var answer = new Answer("q", Intent.Search, "返納金債権の回収率は対前年度以上とされています。",
            [
                new Citation("plan-2021", "令和3年度 事業計画", "Ⅱ-1 返納金債権の回収", "2021", "協会全体", "…"),
                new Citation("plan-2021", "令和3年度 事業計画", "Ⅱ-1 返納金債権の回収", "2021", "協会全体", "重複"),
                new Citation("ap6", "第6期 保険者機能強化アクションプラン", "KPI", "2024-2026", "協会全体", "…"),
            ], [], [])
        { Suggestions = ["返納金債権とは？", "第6期の特定保健指導のKPIは？"] };

        var reply = Assert.Single(_composer.Compose(answer));

        var card = reply.Card!.Node;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        // The answer is the message text; the card adds the sources and suggestions without repeating it.
        Assert.Equal("返納金債権の回収率は対前年度以上とされています。", reply.Text);
        Assert.DoesNotContain(AnswerMessagesTests.CardTexts(card), t => t.Contains("対前年度以上", StringComparison.Ordinal));
        var sources = card["body"]![0]!["items"]!.AsArray();
        Assert.Equal("出典", (string?)sources[0]!["text"]);
        Assert.Equal(3, sources.Count);
        Assert.Equal("令和3年度 事業計画", (string?)sources[1]!["columns"]![0]!["items"]![0]!["text"]);
        Assert.Equal("Ⅱ-1 返納金債権の回収", (string?)sources[1]!["columns"]![0]!["items"]![1]!["text"]);
        Assert.Equal("令和3年度（2021年度）", (string?)sources[1]!["columns"]![1]!["items"]![0]!["text"]);
        Assert.Equal("令和6年度〜令和8年度", (string?)sources[2]!["columns"]![1]!["items"]![0]!["text"]);
        var actions = card["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        Assert.Equal("Action.Submit", (string?)actions[0]!["type"]);
        Assert.Equal("""{"question":"返納金債権とは？"}""", actions[0]!["data"]!.ToJsonString(ProtocolJson.Options));
        Assert.Contains("出典:\n・令和3年度 事業計画 Ⅱ-1 返納金債権の回収（令和3年度（2021年度））", reply.PlainText);
        Assert.StartsWith("返納金債権の回収率は", (string?)card["fallbackText"]);
    }

    [Fact]
    public void Compose_AnswerWithoutSourcesOrSuggestions_IsTextAlone()
    {
        var reply = Assert.Single(_composer.Compose(new Answer("q", Intent.OutOfScope, "文書に記載がありません。", [], [], [])));

        Assert.Null(reply.Card);
        Assert.Equal("文書に記載がありません。", reply.PlainText);
        Assert.Equal("文書に記載がありません。", reply.MessageText);
    }

    [Fact]
    public void Compose_AnswerWithSuggestionsOnly_CardHasNoSourcesAndNoAnswerText()
    {
        var reply = Assert.Single(_composer.Compose(new Answer("q", Intent.OutOfScope, "文書に記載がありません。", [], [], []) { Suggestions = ["返納金債権とは？"] }));

        Assert.Empty(reply.Card!["body"]!.AsArray());
        Assert.Single(reply.Card["actions"]!.AsArray());
        Assert.Equal("文書に記載がありません。", reply.Text);
    }

    [Fact]
    public void Compose_Glossary_FillsTheGlossaryCard()
    {
        var reply = Assert.Single(_composer.Compose(GlossaryAnswer()));

        var body = reply.Card!["body"]!.AsArray();
        Assert.Equal("返納金債権", (string?)body[0]!["text"]);
        Assert.Equal("へんのうきんさいけん", (string?)body[1]!["text"]);
        Assert.Equal("別名: 返納金", (string?)body[2]!["text"]);
        Assert.Equal("資格喪失後受診などにより発生した返納金を請求する債権。", (string?)body[3]!["text"]);
        var where = body[4]!["items"]!.AsArray();
        Assert.Equal("定義している文書", (string?)where[0]!["text"]);
        Assert.Equal("・秋田支部 令和7年度 事業計画 用語の説明（令和7年度（2025年度））", (string?)where[1]!["text"]);
        Assert.Equal(2, where.Count);
        var related = reply.Card["actions"]!.AsArray();
        Assert.Equal(["債権回収率", "資格喪失後受診"], related.Select(a => (string?)a!["title"]));
        Assert.Equal(["債権回収率とは？", "資格喪失後受診とは？"], related.Select(a => (string?)a!["data"]!["question"]));
    }

    [Fact]
    public void Compose_GlossaryNotDefinedInDocuments_SaysSo()
    {
        var answer = GlossaryAnswer() with { };
        answer = answer with { Term = answer.Term! with { DefinedInDocuments = false, Related = [] } };

        var card = Assert.Single(_composer.Compose(answer)).Card!.Node;

        var where = card["body"]![4]!["items"]!.AsArray();
        Assert.Equal("使われている文書", (string?)where[0]!["text"]);
        Assert.Equal("※ 文書に定義はなく、文書中の使われ方から説明しています。", (string?)where[^1]!["text"]);
        Assert.Empty(card["actions"]!.AsArray());
    }

    [Fact]
    public void Compose_KpiStatus_SummaryThenLeadThenRowsThenRule()
    {
        var reply = Assert.Single(_composer.Compose(KpiAnswer()));

        var body = reply.Card!["body"]!.AsArray();
        Assert.Equal("秋田支部 令和5年度（2023年度）の KPI 達成状況", (string?)body[0]!["text"]);
        var counts = body[1]!["columns"]!.AsArray();
        Assert.Equal(["達成", "概ね達成", "未達成", "評価不能"], counts.Select(c => (string?)c!["items"]![0]!["text"]));
        Assert.Equal(["1", "1", "1", "1"], counts.Select(c => (string?)c!["items"]![1]!["text"]));
        Assert.Equal(["Good", "Warning", "Attention", "Default"], counts.Select(c => (string?)c!["items"]![0]!["color"]));
        // The lead is the message text; the card has the counts and the rows, not the answer's per-KPI lines.
        Assert.Equal("秋田支部の令和5年度の KPI は、達成 1、概ね達成 1、未達成 1、評価不能 1 です。", reply.Text);
        Assert.DoesNotContain(AnswerMessagesTests.CardTexts(reply.Card.Node), t => t.Contains("評価不能 1 です", StringComparison.Ordinal));
        Assert.Contains("評価不能 1 です", (string?)reply.Card["fallbackText"]);

        Assert.Equal(["", "KPI", "目標", "実績", "判定"], KpiCardShape.Cells(body[2]!));
        var rows = KpiCardShape.Rows(reply.Card.Node).ToList();
        Assert.Equal(["レセプト点検の効果額", "対前年度以上", "7,215", "達成"], KpiCardShape.Cells(rows[0]).Skip(1));
        Assert.Equal(["特定健診受診率", "65.5%以上", "63.2", "概ね達成"], KpiCardShape.Cells(rows[1]).Skip(1));
        Assert.Equal(["特定保健指導実施率", "35.0%以上", "20.1", "未達成"], KpiCardShape.Cells(rows[2]).Skip(1));
        Assert.Equal(["ジェネリック医薬品使用割合", "80.0%以上", "—", "評価不能"], KpiCardShape.Cells(rows[3]).Skip(1));
        Assert.Equal(4, rows.Count);

        var detail = KpiCardShape.Detail(reply.Card.Node, rows[1]);
        Assert.Contains("判定の根拠: 目標 65.5% 以上に対し実績 63.2%。達成度 96.5%（95%以上）のため概ね達成", KpiCardShape.Texts(detail));
        Assert.Contains(("達成度", "96.5%"), KpiCardShape.Facts(detail));

        Assert.Contains("判定ルール: " + ReplyComposer.StatusRule, KpiCardShape.Texts(body[^1]!));
        Assert.Equal("秋田支部の令和4年度のKPIの達成状況は？", (string?)reply.Card["actions"]![0]!["data"]!["question"]);
        Assert.Contains("達成 1 / 概ね達成 1 / 未達成 1 / 評価不能 1", reply.PlainText);
    }

    [Fact]
    public void Compose_KpiStatus_RuleTextIsOnlyBehindTheToggles()
    {
        var card = Assert.Single(_composer.Compose(KpiAnswer())).Card!.Node;

        var rule = KpiAnswer().KpiEvaluations[2].Rule;
        var visible = KpiCardShape.VisibleTexts(card).ToList();
        Assert.DoesNotContain(visible, t => t.Contains(rule, StringComparison.Ordinal));
        Assert.Single(KpiCardShape.Texts(card), t => t.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_KpiStatusWithoutSummary_CountsTheStatuses()
    {
        var card = Assert.Single(_composer.Compose(KpiAnswer() with { Summary = null })).Card!.Node;

        Assert.Equal(["1", "1", "1", "1"], card["body"]![1]!["columns"]!.AsArray().Select(c => (string?)c!["items"]![1]!["text"]));
        Assert.Equal("秋田支部 令和5年度（2023年度）の KPI 達成状況", (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public void Compose_WhatIf_UsesTheWhatIfCard()
    {
        var answer = KpiAnswer() with { Intent = Intent.WhatIf, KpiEvaluations = [KpiAnswer().KpiEvaluations[1]] };

        var card = Assert.Single(_composer.Compose(answer)).Card!.Node;

        Assert.Equal("仮定による試算", (string?)card["body"]![0]!["text"]);
        var rows = card["body"]!.AsArray().Single(b => b!["rows"] is not null)!["rows"]!.AsArray();
        Assert.Equal(["指標", "目標", "仮定の実績", "達成度", "判定"], Cells(rows[0]!));
        Assert.Equal(["特定健診受診率", "65.5%以上", "63.2", "96.5%", "概ね達成"], Cells(rows[1]!));
    }

    [Fact]
    public void Compose_ComparisonOfScopesAndYears_LabelsRowsByWhatVaries()
    {
        var evaluations = KpiAnswer().KpiEvaluations.Take(2).Select((e, i) => i == 0 ? e : e with { Scope = "岩手", FiscalYear = 2022 }).ToList();
        var answer = KpiAnswer() with { Intent = Intent.Comparison, KpiEvaluations = evaluations };

        var card = Assert.Single(_composer.Compose(answer)).Card!.Node;

        var rows = KpiCardShape.Rows(card).ToList();
        Assert.Equal(["", "KPI", "目標", "実績", "判定"], KpiCardShape.Cells(card["body"]!.AsArray().First(b => (string?)b!["style"] == "accent")!));
        Assert.Equal(["秋田支部 令和5年度 レセプト点検の効果額", "対前年度以上", "7,215", "達成"], KpiCardShape.Cells(rows[0]).Skip(1));
        Assert.Equal(["岩手支部 令和4年度 特定健診受診率", "65.5%以上", "63.2", "概ね達成"], KpiCardShape.Cells(rows[1]).Skip(1));
        Assert.Null(KpiCardShape.Chart(card));
    }

    [Fact]
    public void Welcome_HasTheThreeExampleButtons()
    {
        var card = _composer.Welcome().Card!.Node;

        Assert.Equal(
            ["返納金債権とは？", "第6期の特定保健指導のKPIは？", "秋田支部の令和5年度のKPIの達成状況は？"],
            card["actions"]!.AsArray().Select(a => (string?)a!["data"]!["question"]));
        Assert.All(card["actions"]!.AsArray(), a => Assert.Equal("Action.Submit", (string?)a!["type"]));
    }

    [Fact]
    public void Compose_VeryLongAnswer_IsSplitAndEveryMessageFits()
    {
        var paragraph = string.Concat(Enumerable.Repeat("協会けんぽの事業計画では、加入者の健康づくりを進めます。", 20));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 200));
        var answer = ScriptedAnswer(text);

        var replies = _composer.Compose(answer);

        Assert.True(replies.Count > 1);
        Assert.All(replies, r => Assert.True(ActivitySize(r) <= TeamsBudget, $"{ActivitySize(r)} bytes"));
        Assert.All(replies.SkipLast(1), r => Assert.Null(r.Card));
        Assert.Equal(text.Replace("\n", ""), string.Concat(replies.Select(r => r.MessageText)).Replace("\n", ""));
    }

    [Fact]
    public void Compose_ManyKpis_ArePagedAndEveryCardFits()
    {
        var rule = string.Concat(Enumerable.Repeat("目標 65.5% 以上に対し実績 63.2%。", 15));
        var evaluations = Enumerable.Range(1, 300)
            .Select(i => new KpiEvaluationView($"k{i}", $"指標{i}", "秋田", 2023, "65.5%以上", 65.5m, 63.2m, null, 0.9649m, rule, "概ね達成"))
            .ToList();
        var answer = KpiAnswer() with { KpiEvaluations = evaluations, Summary = new KpiSummaryView("秋田", 2023, 0, 300, 0, 0) };

        var replies = _composer.Compose(answer);

        Assert.True(replies.Count > 1);
        Assert.All(replies, r => Assert.True(ActivitySize(r) <= TeamsBudget, $"{ActivitySize(r)} bytes"));
        var names = replies.SelectMany(r => KpiCardShape.Rows(r.Card!.Node)).Select(row => KpiCardShape.Cells(row)[1]);
        Assert.Equal(evaluations.Select(e => e.Name), names);
        var ids = replies.SelectMany(r => KpiCardShape.Ids(r.Card!.Node)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal($"秋田支部 令和5年度（2023年度）の KPI 達成状況（1/{replies.Count}）", (string?)replies[0].Card!["body"]![0]!["text"]);
        Assert.All(replies.SkipLast(1), r => Assert.Empty(r.Card!["actions"]!.AsArray()));
        Assert.Single(replies[^1].Card!["actions"]!.AsArray());
    }

    [Theory]
    [InlineData("短い文。", 100, new[] { "短い文。" })]
    [InlineData("一文目。二文目。三文目。", 8, new[] { "一文目。二文目。", "三文目。" })]
    [InlineData("段落一\n\n段落二", 6, new[] { "段落一", "段落二" })]
    [InlineData("abcdefghij", 4, new[] { "abcd", "efgh", "ij" })]
    [InlineData("", 4, new[] { "" })]
    public void SplitText_BreaksAtNaturalBoundaries(string text, int max, string[] expected)
    {
        Assert.Equal(expected, ReplyComposer.SplitText(text, max));
    }

    [Fact]
    public void SplitText_NeverSplitsASurrogatePair()
    {
        var chunks = ReplyComposer.SplitText("ab😀cd", 3);

        Assert.Equal(["ab", "😀c", "d"], chunks);
    }

    private static Answer ScriptedAnswer(string text) => new("q", Intent.Search, text, [], [], []);

    private static List<string?> Cells(JsonNode row) => [.. row["cells"]!.AsArray().Select(c => (string?)c!["items"]![0]!["text"])];

    internal static int ActivitySize(Reply reply)
    {
        var incoming = new Activity
        {
            Id = "1700000000001", Type = "message", ServiceUrl = "https://smba.trafficmanager.net/amer/", ChannelId = "msteams",
            Conversation = new ConversationAccount { Id = "a:" + new string('x', 200), ConversationType = "personal", TenantId = Guid.NewGuid().ToString() },
            From = new ChannelAccount { Id = "29:" + new string('u', 100), Name = "利用者" },
            Recipient = new ChannelAccount { Id = "28:" + new string('b', 40), Name = "KenpoBot" },
        };
        var activity = reply.Card is null
            ? incoming.CreateReply(reply.PlainText)
            : incoming.CreateReply(reply.Text, attachments: [new Attachment { ContentType = Reply.AdaptiveCardContentType, Content = reply.Card.AsContent() }]);
        return ProtocolJson.Utf16Size(activity);
    }
}
