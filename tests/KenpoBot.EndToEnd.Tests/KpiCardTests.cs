using System.Text.Json;
using Microsoft.Playwright;

namespace KenpoBot.EndToEnd.Tests;

/// <summary>The KPI cards a manager reads in Teams: the status card's rows open to their rule; rankings and comparisons get a bar chart.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class KpiCardTests(PlaygroundFixture playground)
{
    /// <summary>003 FY2023 秋田: 19 KPIs, 達成 12 / 概ね達成 1 / 未達成 6; 事業者健診データ取得率 target 22.2%, result 19.7% (88.7%: 未達成).</summary>
    [Fact]
    public async Task KpiStatusCard_RowToggle_ShowsThatKpisRule()
    {
        var card = await playground.AskForCardAsync("秋田支部の令和5年度のKPIの達成状況は？", "秋田支部 令和5年度（2023年度）の KPI 達成状況", "k1-akita-status.png");
        await playground.ShootAsync(card, "k1-akita-status-card.png");

        var text = Words(await card.InnerTextAsync());
        Assert.StartsWith("秋田支部 令和5年度（2023年度）の KPI 達成状況 達成 12 概ね達成 1 未達成 6 評価不能 0", text);
        var rows = card.Locator("[role=\"button\"][aria-controls$=\"-close\"]");
        Assert.Equal(19, await rows.CountAsync());
        var row = rows.Filter(new() { HasText = "事業者健診データ取得率" });
        Assert.Equal("事業者健診データ取得率 22.2%以上 19.7% 未達成", Words(await row.InnerTextAsync()).TrimStart('▸', ' '));
        var rule = card.GetByText("目標 22.2% 以上に対し実績 19.7%", new() { Exact = false });
        Assert.Equal(0, await rule.CountAsync());

        await row.ClickAsync();

        await rule.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        var detail = Words(await card.InnerTextAsync());
        Assert.Contains("判定の根拠: 目標 22.2% 以上に対し実績 19.7%。達成度 88.7%（95%未満）のため未達成", detail);
        Assert.Contains("事業者健診データ取得率を22.2%以上とする", detail);
        await playground.ShootAsync(card, "k2-akita-row-open.png");

        await row.ClickAsync();
        await rule.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 10_000 });
    }

    /// <summary>003 FY2023 生活習慣病予防健診受診率, highest first: 山形 82.6, 宮城 74.7, 福島 65.4, 岩手 64.0, 青森 63.2 (概ね達成), 秋田 56.8.</summary>
    [Fact]
    public async Task RankingCard_RendersABarChartInRankingOrder()
    {
        var card = await playground.AskForCardAsync("東北6支部で令和5年度の生活習慣病予防健診受診率がいちばん高いのはどこ？", "生活習慣病予防健診受診率の順位（令和5年度）", "k3-ranking.png");
        await playground.ShootAsync(card, "k3-ranking-card.png");

        string[] order = ["山形支部", "宮城支部", "福島支部", "岩手支部", "青森支部", "秋田支部"];
        var sent = LastCard(playground.SentActivities());
        var chart = Elements(sent).Single(e => e.TryGetProperty("type", out var t) && t.GetString() == "Chart.HorizontalBar");
        Assert.Equal(order, chart.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("x").GetString()));
        Assert.Equal([82.6m, 74.7m, 65.4m, 64.0m, 63.2m, 56.8m], chart.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("y").GetDecimal()));
        Assert.Equal("Container", chart.GetProperty("fallback").GetProperty("type").GetString());

        // The Playground renders Teams' chart: one bar per branch, labelled "支部, value", in the order sent.
        var rendered = card.Locator("[role=\"alert\"][aria-label*=\"bar chart\" i]");
        await rendered.WaitForAsync(new() { Timeout = 10_000 });
        var bars = await card.Locator("[aria-label*=\"支部, \"]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('aria-label'))");
        Assert.Equal(order, bars.Select(b => b.Split(',')[0]));
    }

    /// <summary>
    /// A client without Teams' charts renders the chart's fallback. The Playground knows the chart, so the card the bot sent is
    /// posted again with the chart's type unknown to the renderer: the text bars must show, in the ranking order.
    /// </summary>
    [Fact]
    public async Task RankingCard_WhereChartsAreUnknown_RendersTheTextBarFallback()
    {
        await playground.AskForCardAsync("東北6支部で令和5年度の生活習慣病予防健診受診率がいちばん高いのはどこ？", "生活習慣病予防健診受診率の順位（令和5年度）", "k5-ranking-again.png");
        var sent = playground.SentActivities().Last(a => a.TryGetProperty("attachments", out var att) && att.GetArrayLength() > 0);
        var content = sent.GetProperty("attachments")[0].GetProperty("content").GetRawText()
            .Replace("\"Chart.HorizontalBar\"", "\"Chart.NotInThisClient\"", StringComparison.Ordinal)
            .Replace("生活習慣病予防健診受診率の順位（令和5年度）", "代替表示の確認", StringComparison.Ordinal);
        var conversation = sent.GetProperty("conversation").GetProperty("id").GetString()!;
        var activity = $$"""{"type":"message","from":{{sent.GetProperty("from").GetRawText()}},"attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{{content}}}]}""";
        using var http = new HttpClient();
        using var posted = await http.PostAsync($"{playground.PlaygroundUrl}/_connector/v3/conversations/{Uri.EscapeDataString(conversation)}/activities",
            new StringContent(activity, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

        var card = playground.Page.Locator(".fai-OutputCard", new() { Has = playground.Page.Locator(".ac-adaptiveCard"), HasText = "代替表示の確認" }).Last;
        await card.WaitForAsync(new() { Timeout = 30_000 });
        await playground.ShootAsync(card, "k6-ranking-fallback.png");
        Assert.Equal(0, await card.Locator("[role=\"alert\"][aria-label*=\"bar chart\" i]").CountAsync());
        var text = Words(await card.InnerTextAsync());
        var bars = text.IndexOf("生活習慣病予防健診受診率（%） ", StringComparison.Ordinal);
        Assert.True(bars >= 0, text);
        var at = new[] { "山形支部 ████████████████████ 82.6%", "宮城支部", "福島支部", "岩手支部", "青森支部", "秋田支部" }.Select(s => text.IndexOf(s, bars, StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i >= 0, text));
        Assert.Equal(at.Order(), at);
    }

    /// <summary>003 FY2023 事業者健診データ取得率: 秋田 19.7%, 宮城 5.2%, 岩手 11.6%, in the order asked, all 未達成.</summary>
    [Fact]
    public async Task ComparisonCard_OfThreeBranches_RendersABarPerBranch()
    {
        var card = await playground.AskForCardAsync("秋田と宮城と岩手の令和5年度の事業者健診データ取得率を比べてください", "事業者健診データ取得率の比較（令和5年度）", "k4-comparison.png");
        await playground.ShootAsync(card, "k4-comparison-card.png");

        var chart = Elements(LastCard(playground.SentActivities())).Single(e => e.TryGetProperty("type", out var t) && t.GetString() == "Chart.HorizontalBar");
        Assert.Equal(["秋田支部", "宮城支部", "岩手支部"], chart.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("x").GetString()));
        Assert.All(chart.GetProperty("data").EnumerateArray(), d => Assert.Equal("attention", d.GetProperty("color").GetString()));
        await card.Locator("[role=\"alert\"][aria-label*=\"bar chart\" i]").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("岩手支部 18.6%以上 11.6% 未達成", Words(await card.InnerTextAsync()));
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static JsonElement LastCard(List<JsonElement> activities) =>
        activities.Last(a => a.TryGetProperty("attachments", out var att) && att.GetArrayLength() > 0)
            .GetProperty("attachments")[0].GetProperty("content");

    private static IEnumerable<JsonElement> Elements(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            yield return node;
            foreach (var p in node.EnumerateObject()) foreach (var e in Elements(p.Value)) yield return e;
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray()) foreach (var e in Elements(item)) yield return e;
        }
    }
}
