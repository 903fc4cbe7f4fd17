using System.Text.Json;
using KenpoBot.Assistant.Conversation;

namespace KenpoBot.Assistant.Tests.Conversation;

public sealed class ConversationJsonTests
{
    [Fact]
    public void Full_SetsEveryProperty()
    {
        var context = SampleContexts.Full();
        foreach (var property in typeof(ConversationContext).GetProperties())
        {
            var value = property.GetValue(context);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            Assert.True(value is not null && !(type.IsValueType && value.Equals(Activator.CreateInstance(type))), $"{property.Name} is not set");
            if (value is IEnumerable<string> list) Assert.True(list.Count() > 1, $"{property.Name} has fewer than two items");
        }
    }

    [Fact]
    public void Context_RoundTripsThroughJsonExactly()
    {
        var context = SampleContexts.Full();

        var json = JsonSerializer.Serialize(context, ConversationJson.Options);
        var back = JsonSerializer.Deserialize<ConversationContext>(json, ConversationJson.Options)!;

        SampleContexts.AssertSame(context, back);
        Assert.Contains("\"Intent\":\"Comparison\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("LastValue", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_WithOnlyTheConstructorArguments_KeepsItsDefaultLists()
    {
        var context = new ConversationContext(Intent.KpiValue, "秋田", 2023, null, null);

        var back = JsonSerializer.Deserialize<ConversationContext>(JsonSerializer.Serialize(context, ConversationJson.Options), ConversationJson.Options)!;

        SampleContexts.AssertSame(context, back);
        Assert.Equal(["秋田"], back.Scopes);
        Assert.Empty(back.Metrics);
    }
}

/// <summary>The context with every property set, and the comparison that treats its lists by content.</summary>
internal static class SampleContexts
{
    /// <summary>A context with every property set to something other than its default (checked below, so a new property must be added here).</summary>
    public static ConversationContext Full() =>
        new ConversationContext(Intent.Comparison, "秋田", 2023, "employer-checkup-data-rate", "AP6")
        {
            Scopes = ["秋田", "岩手"],
            Metrics = ["employer-checkup-data-rate", "lifestyle-checkup-rate"],
            AnchorKpiId = "fy2023-akita-employer-checkup-data-rate",
            LastFigure = new(11.6m, "岩手 令和5年度の実績 11.6%"),
            PriorFigure = new(14.30m, "秋田 令和5年度の実績 14.30%"),
            LastAnswer = "岩手支部の令和5年度の事業者健診データ取得率の実績は 11.6% です。",
            Subject = "事業者健診データ",
        };

    /// <summary>Records compare lists by reference, so the lists are compared item by item and the rest with record equality.</summary>
    public static void AssertSame(ConversationContext expected, ConversationContext? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Scopes, actual.Scopes);
        Assert.Equal(expected.Metrics, actual.Metrics);
        Assert.Equal(expected, actual with { Scopes = expected.Scopes, Metrics = expected.Metrics });
        Assert.Equal(expected.LastFigure?.Value.Scale, actual.LastFigure?.Value.Scale);
        Assert.Equal(expected.PriorFigure?.Value.Scale, actual.PriorFigure?.Value.Scale);
    }
}
