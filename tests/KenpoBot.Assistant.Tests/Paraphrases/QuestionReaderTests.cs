using KenpoBot.Assistant.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace KenpoBot.Assistant.Tests.Paraphrases;

/// <summary>
/// frames.tsv: many wordings of each kind of question, each with the slots the reader must fill. One theory per slot, so that a
/// failure names the slot that was misread.
/// </summary>
[Collection(AssistantCollection.Name)]
public sealed class QuestionReaderTests(AssistantFixture fixture)
{
    public static TheoryData<string, string> Intents() => Column(1);

    public static TheoryData<string, string> ScopeSets() => Column(2);

    public static TheoryData<string, string> YearLists() => Column(3);

    public static TheoryData<string, string> Plans() => Column(4);

    public static TheoryData<string, string> MetricSets() => Column(5);

    private QuestionFrame Read(string question) => fixture.Services.GetRequiredService<QuestionReader>().Read(question, null);

    [Theory]
    [MemberData(nameof(Intents))]
    public void Intent_IsTheKindOfQuestionAsked(string question, string intent)
    {
        if (intent == "*") return;
        // 「A|B」: either reading is right (the row says why).
        Assert.Contains(Read(question).Intent, intent.Split('|').Select(Enum.Parse<Intent>));
    }

    [Theory]
    [MemberData(nameof(ScopeSets))]
    public void Scopes_AreTheBranchesOrTheAssociationNamed(string question, string scopes)
    {
        var expected = ParaphraseTable.List(scopes).Order(StringComparer.Ordinal);
        var actual = Read(question).Scopes.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(YearLists))]
    public void Years_AreTheFiscalYearsNamedInEveryNotation(string question, string years)
    {
        Assert.Equal(ParaphraseTable.List(years).Select(int.Parse), Read(question).Years);
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Plan_IsTheActionPlanNamed(string question, string plan)
    {
        Assert.Equal(plan.Length == 0 ? null : plan, Read(question).Plan);
    }

    [Theory]
    [MemberData(nameof(MetricSets))]
    public void Metrics_AreTheKpiMetricsNamedDespiteShortNamesAndTypos(string question, string metrics)
    {
        var actual = string.Join(",", Read(question).Metrics.Order(StringComparer.Ordinal));
        var acceptable = metrics.Split('|').Select(set => string.Join(",", ParaphraseTable.List(set).Order(StringComparer.Ordinal))).ToList();
        Assert.Contains(actual, acceptable);
    }

    private static TheoryData<string, string> Column(int column)
    {
        var data = new TheoryData<string, string>();
        foreach (var row in ParaphraseTable.Rows("frames.tsv", 7)) data.Add(row[0], row[column]);
        return data;
    }
}
