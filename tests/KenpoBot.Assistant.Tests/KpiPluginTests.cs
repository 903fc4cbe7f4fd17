using KenpoBot.Assistant.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant.Tests;

/// <summary>The KPI tools called through the kernel, with string arguments, as a model calls them.</summary>
[Collection(AssistantCollection.Name)]
public sealed class KpiPluginTests(AssistantFixture fixture)
{
    private Kernel Kernel => fixture.Services.GetRequiredService<Kernel>();

    private async Task<T?> Call<T>(string function, KernelArguments arguments) =>
        (await Kernel.InvokeAsync(KpiPlugin.Name, function, arguments)).GetValue<T>();

    [Fact]
    public async Task EvaluateKpi_ByKpiId_UsesThatKpisYear()
    {
        var view = await Call<KpiEvaluationView>("evaluate_kpi", new() { ["kpiId"] = "fy2023-akita-employer-checkup-data-rate" });
        // 003: 秋田 FY2023 事業者健診データ取得率, KPI 22.2%, result 19.7% → 達成度 88.7% → 未達成.
        Assert.Equal((2023, 22.2m, 19.7m, "未達成"), (view!.FiscalYear, view.Target, view.Actual, view.Status));
    }

    [Fact]
    public async Task EvaluateKpi_ByKpiIdWithWhatIf_EvaluatesTheSupposedResult()
    {
        var view = await Call<KpiEvaluationView>("evaluate_kpi", new() { ["kpiId"] = "fy2023-akita-employer-checkup-data-rate", ["whatIfActual"] = "21.1" });
        // 21.1 ÷ 22.2 = 95.0% → 概ね達成.
        Assert.Equal("概ね達成", view!.Status);
    }

    [Fact]
    public async Task EvaluateKpi_UnknownIdOrMissingArguments_IsAnErrorInJapanese()
    {
        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => Call<KpiEvaluationView>("evaluate_kpi", new() { ["kpiId"] = "no-such-kpi" }));
        Assert.Contains("no-such-kpi", (unknown.InnerException ?? unknown).Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => Call<KpiEvaluationView>("evaluate_kpi", new() { ["metric"] = "employer-checkup-data-rate" }));
        Assert.Contains("指定してください", (missing.InnerException ?? missing).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListKpis_ByArea_KeepsOnlyThatArea()
    {
        var all = await Call<IReadOnlyList<KpiEvaluationView>>("list_kpis", new() { ["scope"] = "秋田", ["fiscalYear"] = "2023" });
        var organization = await Call<IReadOnlyList<KpiEvaluationView>>("list_kpis", new() { ["scope"] = "秋田", ["fiscalYear"] = "2023", ["area"] = "Organization" });
        Assert.Equal(19, all!.Count);
        Assert.NotEmpty(organization!);
        Assert.True(organization!.Count < all.Count);
        var ids = organization.Select(v => v.KpiId).ToHashSet();
        Assert.All(fixture.Knowledge.Kpis.Where(k => ids.Contains(k.Id)), k => Assert.Equal(Corpus.KpiArea.Organization, k.Area));
    }

    [Fact]
    public async Task ListKpis_UnknownScope_IsAnErrorNotEveryKpi()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Call<IReadOnlyList<KpiEvaluationView>>("list_kpis", new() { ["scope"] = "アトランティス" }));
        Assert.Contains("アトランティス", (error.InnerException ?? error).Message, StringComparison.Ordinal);
    }
}
