using KenpoBot.Assistant.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Assistant.Tests;

/// <summary>Names staff use for a KPI → the metric keys (aliases from corpus/kpi/metric-aliases.tsv, which cites the seed lines).</summary>
[Collection(AssistantCollection.Name)]
public sealed class MetricResolverTests(AssistantFixture fixture)
{
    private MetricResolver Resolver => fixture.Services.GetRequiredService<MetricResolver>();

    [Theory]
    [InlineData("郵送化率", "mail-application-rate")]
    [InlineData("保険証回収率", "card-recovery-rate")]
    [InlineData("事業者健診データ取得率", "employer-checkup-data-rate")]
    [InlineData("健診データの取得率", "employer-checkup-data-rate")]
    [InlineData("生活習慣病予防検診の受診率", "lifestyle-checkup-rate")]
    [InlineData("生活習慣予防健診", "lifestyle-checkup-rate")]
    [InlineData("健康経営宣言事業所数", "health-declaration-offices")]
    [InlineData("柔整の多部位頻回", "judo-multi-frequent")]
    [InlineData("ジェネリック医薬品使用割合", "generic-drug-share")]
    [InlineData("限度額認定証", "ceiling-certificate-rate")]
    [InlineData("ホームページのアクセス数", "website-access")]
    public void Resolve_ShortNamesAliasesAndTypos_FindTheMetric(string name, string metric)
    {
        Assert.Equal(metric, Assert.Single(Resolver.Resolve(name, Population.Any)));
    }

    [Theory]
    [InlineData("被保険者の特定保健指導実施率", Population.Insured, "insured-guidance-rate")]
    [InlineData("被扶養者の特定保健指導実施率", Population.Dependent, "dependent-guidance-rate")]
    [InlineData("被保険者の特定保険指導実施率", Population.Insured, "insured-guidance-rate")]
    public void Resolve_PopulationWord_PicksThatPopulationsMetric(string name, Population population, string metric)
    {
        Assert.Contains(metric, Resolver.Resolve(name, population));
        Assert.DoesNotContain(population == Population.Insured ? "dependent-guidance-rate" : "insured-guidance-rate", Resolver.Resolve(name, population));
    }

    [Theory]
    [InlineData("特定保健指導実施率", "insured-guidance-rate", "dependent-guidance-rate")]
    [InlineData("バイオシミラー", "biosimilar-share", "biosimilar-promotion")]
    [InlineData("健康保険委員", "health-committee-share", "health-committee-offices")]
    public void Resolve_NameThatFitsTwoMetrics_ReturnsBoth(string name, string one, string other)
    {
        var metrics = Resolver.Resolve(name, Population.Any);
        Assert.Contains(one, metrics);
        Assert.Contains(other, metrics);
    }
}
