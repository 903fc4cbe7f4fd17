using System.Text.Json;

namespace KenpoBot.Kpi.Tests;

public sealed class KpiStatusTests
{
    [Theory]
    [InlineData(KpiStatus.Achieved, "達成")]
    [InlineData(KpiStatus.MostlyAchieved, "概ね達成")]
    [InlineData(KpiStatus.NotAchieved, "未達成")]
    [InlineData(KpiStatus.NotEvaluable, "評価不能")]
    public void ToJapanese_EachStatus_IsItsDocumentWord(KpiStatus status, string expected)
    {
        Assert.Equal(expected, status.ToJapanese());
    }

    [Theory]
    [InlineData("達成", KpiStatus.Achieved)]
    [InlineData(" 概ね達成 ", KpiStatus.MostlyAchieved)]
    [InlineData("未達成", KpiStatus.NotAchieved)]
    [InlineData("評価不能", KpiStatus.NotEvaluable)]
    [InlineData("MostlyAchieved", KpiStatus.MostlyAchieved)]
    [InlineData("notachieved", KpiStatus.NotAchieved)]
    public void TryParse_JapaneseOrName_IsRead(string text, KpiStatus expected)
    {
        Assert.True(KpiStatusText.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("おおむね達成")]
    [InlineData("2")]
    public void TryParse_OtherText_IsRejected(string? text)
    {
        Assert.False(KpiStatusText.TryParse(text, out _));
    }

    [Fact]
    public void Serialize_Status_IsJapaneseString()
    {
        var json = JsonSerializer.Serialize(new { Status = KpiStatus.MostlyAchieved });

        Assert.Equal("{\"Status\":\"\\u6982\\u306D\\u9054\\u6210\"}", json);
        Assert.Equal(KpiStatus.MostlyAchieved, JsonSerializer.Deserialize<KpiStatus>(JsonSerializer.Serialize(KpiStatus.MostlyAchieved)));
    }

    [Theory]
    [InlineData("\"未達成\"", KpiStatus.NotAchieved)]
    [InlineData("\"NotEvaluable\"", KpiStatus.NotEvaluable)]
    public void Deserialize_JapaneseOrName_IsRead(string json, KpiStatus expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<KpiStatus>(json));
    }

    [Fact]
    public void Deserialize_UnknownWord_ThrowsJsonException()
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<KpiStatus>("\"たぶん達成\""));

        Assert.Equal("「たぶん達成」は KPI の状態（達成 / 概ね達成 / 未達成 / 評価不能）ではありません。", exception.Message);
    }
}
