using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KenpoBot.Assistant;
using KenpoBot.Bot.Cards;

namespace KenpoBot.Bot.Tests;

public sealed partial class CitationMarkersTests
{
    private static Citation Cite(string doc, string section, string snippet, string year = "2021", string scope = "協会全体") =>
        new(doc, $"{doc} の計画", section, year, scope, snippet);

    /// <summary>Every [n] of the text names a claim and every claim has its [n].</summary>
    internal static void AssertConsistent(string text, JsonArray claims)
    {
        var markers = Markers().Matches(text).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        var positions = claims.Select(c => (int)c!["position"]!).ToHashSet();
        Assert.Equal(positions.Order(), markers.Order());
        Assert.Equal(Enumerable.Range(1, claims.Count), positions.Order());
    }

    [Fact]
    public void Place_MarkerFollowsTheSentenceThatQuotesTheSnippet()
    {
        var text = "返納金債権の回収率は対前年度以上とされています。（令和3年度 事業計画 ＞ 返納金債権の回収）\n・文書による催告を行う。";
        var citations = new[]
        {
            Cite("fy2021", "返納金債権の回収", "返納金債権の回収率は対前年度以上とする。"),
            Cite("fy2021", "催告", "文書による催告を行う。その後…"),
        };

        var marked = CitationMarkers.Place(text, citations);

        Assert.Equal("返納金債権の回収率は対前年度以上とされています。（令和3年度 事業計画 ＞ 返納金債権の回収）[1]\n・文書による催告を行う。[2]", marked.Text);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Fact]
    public void Place_ListSnippetsAndQuotesFromMidSnippet_FoundLineByLine()
    {
        var text = "保険証未返納者への文書や電話催告等の強化（令和3年度事業計画 ＞ 保険証回収強化）\n・債権の早期回収による回収率の向上\n・返納金債権（資格喪失後受診に係るものに限る。";
        var citations = new[]
        {
            Cite("fy2021", "保険証回収強化", "- 保険証未返納者への文書や電話催告等の強化 - 債権の早期回収による回収率の向上"),
            Cite("iwate", "KPI", "岩手支部 令和3年度 のKPI 指標: 返納金債権の回収率 KPI: 返納金債権（資格喪失後受診に係るものに限る。）の回収率を対前年度以上とする"),
        };

        var marked = CitationMarkers.Place(text, citations);

        Assert.Equal("保険証未返納者への文書や電話催告等の強化（令和3年度事業計画 ＞ 保険証回収強化）[1]\n・債権の早期回収による回収率の向上\n・返納金債権（資格喪失後受診に係るものに限る。[2]", marked.Text);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Fact]
    public void Place_MarkerNeverLandsInsideBracketsOrQuotes_ItFollowsTheSentenceAndItsClosers()
    {
        var text = "健診の対象は40歳以上の被保険者（任意継続被保険者を除く。）とする。次の文です。\n計画には「特定保健指導の実施率を向上させる。」\n終わり。";
        var citations = new[]
        {
            Cite("fy2021", "健診", "健診の対象は40歳以上の被保険者とする。"),
            Cite("ap6", "特定保健指導", "特定保健指導の実施率を向上させる。"),
        };

        var marked = CitationMarkers.Place(text, citations);

        Assert.Equal("健診の対象は40歳以上の被保険者（任意継続被保険者を除く。）とする。[1]次の文です。\n計画には「特定保健指導の実施率を向上させる。」[2]\n終わり。", marked.Text);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Fact]
    public void Place_AModelsMarkerBeforeAClosingBracket_MovesAfterIt()
    {
        var marked = CitationMarkers.Place("返納金債権（資格喪失後受診に係るものを除く。[1]）の回収率は「対前年度以上[2]」』です。", [Cite("a", "一", "x"), Cite("b", "二", "y")]);

        Assert.Equal("返納金債権（資格喪失後受診に係るものを除く。）[1]の回収率は「対前年度以上」』[2]です。", marked.Text);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Fact]
    public void Place_SnippetNotQuoted_MarkerEndsTheAnswerLine()
    {
        var text = "秋田支部の令和5年度の目標は60%です。\n判定ルールは次のとおりです。";
        var citations = new[] { Cite("akita", "重点施策", "ここには答えの文がない別の文章です。"), Cite("kpi", "KPI 一覧", "") };

        var marked = CitationMarkers.Place(text, citations);

        Assert.Equal("秋田支部の令和5年度の目標は60%です。[1][2]\n判定ルールは次のとおりです。", marked.Text);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Fact]
    public void Place_StrayMarkersOfNoSourceAreRemoved_ValidOnesKept()
    {
        var marked = CitationMarkers.Place("目標は60%です[2]。根拠[7]は計画です[0]。", [Cite("a", "一", "x"), Cite("b", "二", "y")]);

        Assert.Equal("目標は60%です[2]。根拠は計画です。[1]", marked.Text);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Fact]
    public void Place_NoCitations_NoMarkersLeft()
    {
        var marked = CitationMarkers.Place("資料には記載がありません[1]。", []);

        Assert.Equal("資料には記載がありません。", marked.Text);
        Assert.Empty(marked.Claims);
    }

    [Fact]
    public void Place_SameSectionTwice_OneClaim_AtMostTwenty()
    {
        var many = Enumerable.Range(1, 30).Select(i => Cite($"doc{i}", "節", $"文{i}")).Prepend(Cite("doc1", "節", "重複")).ToList();

        var marked = CitationMarkers.Place("答えです。", many);

        Assert.Equal(CitationMarkers.MaxCitations, marked.Claims.Count);
        AssertConsistent(marked.Text, marked.Claims);
    }

    [Theory]
    [InlineData("特定保健指導の\n  実施率\t\tを向上させる。")]
    [InlineData(" \u3000先頭と末尾に空白\u3000\r\n")]
    [InlineData("制御\u0001\u0002文字と\u0085改行\u2028区切り\u00A0なし")]
    [InlineData("空白なし")]
    public void Claim_PutsTheSnippetOnOneLine_AsTheWhiteSpaceRuleSays(string snippet)
    {
        var citation = new Citation("ap6", "題 \n 名", "節", "2024", "協会全体", snippet);

        var appearance = ((JsonObject)CitationMarkers.Place("答え", [citation]).Claims.Single()!)["appearance"]!;

        // Every run of white space or control characters becomes one space, then the ends are trimmed.
        Assert.Equal(System.Text.RegularExpressions.Regex.Replace(snippet, @"[\s\p{Cc}]+", " ").Trim(), (string?)appearance["abstract"]);
        Assert.Equal("題 名 ＞ 節", (string?)appearance["name"]);
    }

    [Fact]
    public void Claim_HasTheTeamsShapeAndLimits()
    {
        var longSnippet = string.Concat(Enumerable.Repeat("特定保健指導の実施率を向上させる。", 20));
        var citation = new Citation("ap6", "保険者機能強化アクションプラン（第6期）", "Ⅱ > 1 > 特定保健指導", "2024-2026", "協会全体", longSnippet);

        var claim = (JsonObject)CitationMarkers.Place("答え", [citation]).Claims.Single()!;

        Assert.Equal("Claim", (string?)claim["@type"]);
        Assert.Equal(1, (int)claim["position"]!);
        var appearance = claim["appearance"]!;
        Assert.Equal("DigitalDocument", (string?)appearance["@type"]);
        Assert.Equal("保険者機能強化アクションプラン（第6期） ＞ Ⅱ ＞ 1 ＞ 特定保健指導", (string?)appearance["name"]);
        var summary = (string)appearance["abstract"]!;
        Assert.True(summary.Length <= CitationMarkers.MaxAbstract, summary);
        Assert.StartsWith("特定保健指導の実施率を向上させる。", summary);
        Assert.EndsWith("…", summary);
        var keywords = appearance["keywords"]!.AsArray().Select(k => (string)k!).ToList();
        Assert.Equal(["令和6年度〜令和8年度", "協会全体"], keywords);
        Assert.All(keywords, k => Assert.True(k.Length <= CitationMarkers.MaxKeyword));
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Markers();
}
