using KenpoBot.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Assistant.Tests.Llm;

/// <summary>
/// A model answer is grounded in the tools the model called: its citations and KPI evaluations are theirs, never the
/// offline planner's, and a number no tool returned sends the turn to the offline answer.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class ModelGroundingTests(AssistantFixture fixture)
{
    [Fact]
    public async Task Citations_ComeFromThePassagesTheModelSearched()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Knowledge-search_plans", new { query = "返納金債権の発生防止", scope = "秋田" })
            .Message("秋田支部は、資格喪失後受診による返納金債権の発生を防ぐため、保険証の早期回収に取り組みます。（秋田支部 令和7年度事業計画 ＞ 債権管理・回収と返納金債権発生防止の強化）");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("g1", "秋田支部は返納金債権の発生防止に何をしますか？", default);

        Assert.True(answer.ByModel);
        // akita-2025.md: 「#### ⑤ 債権管理・回収と返納金債権発生防止の強化 {#claims-recovery}」, the section the answer names.
        var citation = Assert.Single(answer.Citations);
        Assert.Equal("akita-2025", citation.DocumentId);
        Assert.EndsWith("債権管理・回収と返納金債権発生防止の強化", citation.Section);
        Assert.Empty(answer.KpiEvaluations);
        Assert.Equal("search_plans", Assert.Single(answer.ToolCalls).Function);
    }

    [Fact]
    public async Task AKpiQuestion_TheModelAnswersWithoutKpiTools_HasNoEvaluations()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Glossary-lookup_term", new { term = "KPI" }).Message("ご質問の状況は資料からはお答えできません。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("g2", "秋田支部の令和5年度のKPIの達成状況は？", default);

        // The offline planner would have evaluated 19 KPIs; the model called none, so none are shown as its grounding.
        Assert.True(answer.ByModel);
        Assert.Empty(answer.KpiEvaluations);
        Assert.Null(answer.Summary);
    }

    [Fact]
    public async Task AnInventedNumber_FallsBackToTheOfflineAnswer_AndIsLogged()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_kpi", new { metric = "employer-checkup-data-rate", scope = "秋田", fiscalYear = 2023 })
            .Message("秋田支部の令和5年度の事業者健診データ取得率は21.5%で、目標22.2%に届きませんでした。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));
        const string question = "秋田支部の令和5年度の事業者健診データ取得率は？";

        var answer = await harness.Assistant.AskAsync("g3", question, default);

        // tohoku-2023.results.tsv: 秋田 19.7%. The model's 21.5 is in no tool result: the offline answer states 19.7.
        Assert.False(answer.ByModel);
        Assert.Contains("19.7", answer.Text);
        Assert.DoesNotContain("21.5", answer.Text);
        var warning = Assert.Single(harness.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("21.5", warning.Message);
        Assert.DoesNotContain(question, warning.Message);
        Assert.DoesNotContain("事業者健診", warning.Message);
    }

    [Fact]
    public async Task NumbersAsTheToolsReturnedThem_InFullWidthOrWithUnits_AreGrounded()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_kpi", new { metric = "employer-checkup-data-rate", scope = "秋田", fiscalYear = 2025 })
            .Message("秋田支部の令和７年度の事業者健診データ取得率の目標は２１．２％以上で、実施対象者数は約14.2万人（142,354人）です。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("g4", "秋田支部の令和7年度の事業者健診データ取得率の目標は？", default);

        // akita-2025.kpis.tsv: target 21.2%, population 142,354 (14.2万 rounded as written).
        Assert.True(answer.ByModel);
        var evaluation = Assert.Single(answer.KpiEvaluations);
        Assert.Equal("fy2025-akita-employer-checkup-data-rate", evaluation.KpiId);
        Assert.Equal(142354, evaluation.TargetPopulation);
    }

    [Fact]
    public async Task ANumberFromTheQuestion_IsGrounded()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_kpi", new { metric = "employer-checkup-data-rate", scope = "秋田", fiscalYear = 2023, whatIfActual = 30 })
            .Message("実績が30%なら、秋田支部の令和5年度の目標22.2%以上を満たし、達成です。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("g5", "秋田支部の令和5年度の事業者健診データ取得率が30%だったら？", default);

        Assert.True(answer.ByModel);
        Assert.Equal(Intent.WhatIf, answer.Intent);
        var evaluation = Assert.Single(answer.KpiEvaluations);
        Assert.Equal(30m, evaluation.Actual);
        Assert.Equal("達成", evaluation.Status);
    }

    [Fact]
    public async Task ARanking_KeepsTheIntentTheReaderSees_AndTheToolsOrder()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("KpiData-find_metrics", new { text = "事業者健診データ取得率" })
            .ToolCall("KpiData-rank_scopes", new { metric = "employer-checkup-data-rate", fiscalYear = 2023, scopes = new[] { "青森", "岩手", "宮城", "秋田", "山形", "福島" } })
            .Message("令和5年度の東北6支部で事業者健診データ取得率が一番高いのは秋田支部の19.7%で、2位は青森支部の11.8%です。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));

        var answer = await harness.Assistant.AskAsync("g6", "令和5年度の東北で事業者健診データ取得率が一番高い支部は？", default);

        // tohoku-2023.results.tsv: 秋田 19.7, 青森 11.8, 岩手 11.6, 山形 7.2, 福島 6.9, 宮城 5.2.
        Assert.True(answer.ByModel);
        Assert.Equal(Intent.Ranking, answer.Intent);
        Assert.Equal([19.7m, 11.8m, 11.6m, 7.2m, 6.9m, 5.2m], answer.KpiEvaluations.Select(e => e.Actual!.Value));
    }

    [Fact]
    public async Task AFollowUp_RemembersTheModelTurnsSubject()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.ToolCall("Kpi-evaluate_scope", new { scope = "秋田", fiscalYear = 2023 }).Message("秋田支部の令和5年度は達成12件です。");
        using var harness = new ModelHarness(fixture, ModelHarness.OpenAi(server));
        await harness.Assistant.AskAsync("g7", "秋田支部の令和5年度のKPIの達成状況は？", default);

        // The script has run out: the follow-up is answered offline, from what the model turn left in the conversation.
        var answer = await harness.Assistant.AskAsync("g7", "じゃあ岩手は？", default);

        Assert.False(answer.ByModel);
        Assert.StartsWith("岩手支部の令和5年度（2023年度）の KPI", answer.Text);
        // The model was given the first turn as history.
        Assert.Contains(server.Requests[^1]["messages"]!.AsArray(), m => m!["content"]?.ToString() == "秋田支部の令和5年度は達成12件です。");
    }
}
