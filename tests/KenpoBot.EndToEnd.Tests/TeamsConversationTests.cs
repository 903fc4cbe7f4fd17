namespace KenpoBot.EndToEnd.Tests;

/// <summary>A user's conversation in the Teams-like client, end to end: page → Playground → bot → assistant → index and KPI engine.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class TeamsConversationTests(PlaygroundFixture playground)
{
    [Fact]
    public async Task Conversation_GlossaryThenKpiStatusThenFollowUp_RendersTheRightCards()
    {
        var glossary = await playground.AskAsync("返納金債権とは？", "1-glossary.png");
        var glossaryText = await glossary.InnerTextAsync();
        Assert.Contains("返納金債権", glossaryText);
        Assert.Contains("資格", glossaryText);
        Assert.Contains("受診", glossaryText);

        var akita = await playground.AskForCardAsync("秋田支部の令和5年度のKPIの達成状況は？", "秋田支部 令和5年度（2023年度）の KPI 達成状況", "2-akita-2023.png");
        var akitaText = await akita.InnerTextAsync();
        Assert.Contains("秋田支部", akitaText);
        // One message: its text is the answer's fact-first lead (the counts), the card the counts and rows, not the text again.
        var sent = playground.SentActivities().Last(a => a.TryGetProperty("attachments", out var att) && att.GetArrayLength() > 0);
        var lead = sent.GetProperty("text").GetString()!;
        Assert.Contains("達成 12", lead);
        Assert.DoesNotContain("\n・", lead);
        Assert.DoesNotContain("達成 12", akitaText);
        Assert.True(await playground.Page.Locator(".fai-OutputCard", new() { HasText = "達成 12" }).CountAsync() > 0, "the lead is shown");
        var rows = akita.Locator("[role=\"button\"][aria-controls$=\"-close\"]");
        Assert.Equal(19, await rows.CountAsync()); // the 19 KPIs of 003's FY2023 table, each a row that opens to its rule
        var employer = await rows.Filter(new() { HasText = "事業者健診データ取得率" }).InnerTextAsync();
        Assert.Contains("19.7", employer);
        Assert.Contains("未達成", employer);

        var iwate = await playground.AskForCardAsync("じゃあ岩手は？", "岩手支部 令和5年度（2023年度）の KPI 達成状況", "3-iwate-2023.png");
        var iwateText = await iwate.InnerTextAsync();
        Assert.Contains("岩手支部", iwateText);
        var iwateRows = iwate.Locator("[role=\"button\"][aria-controls$=\"-close\"]");
        Assert.Equal(19, await iwateRows.CountAsync());
        // 003: 岩手 FY2023 事業者健診データ取得率 target 18.6%, result 11.6%.
        Assert.Contains("11.6", await iwateRows.Filter(new() { HasText = "事業者健診データ取得率" }).InnerTextAsync());
    }
}
