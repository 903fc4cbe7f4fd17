using KenpoBot.Corpus.Import;

namespace KenpoBot.Corpus.Tests.Import;

public sealed class KpiLineParserTests
{
    // Wordings from 003 (Akita FY2025) and 002 (AP6); the expected kind, value and unit are those of the curated kpi/*.kpis.tsv.
    [Theory]
    [InlineData("生活習慣病予防健診実施率を57.6%以上とする", TargetKind.AbsoluteHigher, "57.6", Unit.Percent)]
    [InlineData("サービススタンダードの平均所要日数7日以内を維持する。", TargetKind.AbsoluteLower, "7", Unit.Days)]
    [InlineData("現金給付等の申請書類に係る窓口での受付率を対前年度以下とする。", TargetKind.PreviousLower, null, Unit.Percent)]
    [InlineData("協会の再審査レセプト1件当たりの査定額を対前年度以上とする", TargetKind.PreviousHigher, null, Unit.Yen)]
    [InlineData("健康宣言事業所数を1,780事業所(※)以上とする", TargetKind.AbsoluteHigher, "1780", Unit.Offices)]
    [InlineData("健康保険委員の委嘱事業所数を前年度以上とする", TargetKind.PreviousHigher, null, Unit.Offices)]
    [InlineData("一般競争入札に占める一者応札案件の割合について、15%以下とする", TargetKind.AbsoluteLower, "15", Unit.Percent)]
    [InlineData("バイオシミラー使用促進事業を開始し、医療機関や関係者への働きかけを実施する。", TargetKind.Done, null, Unit.None)]
    [InlineData("SNS(LINE公式アカウント)を運用し、毎月情報発信を行う", TargetKind.Done, null, Unit.None)]
    [InlineData("血圧、血糖、脂質の未治療者において健診受診月から10か月以内に医療機関を受診した者の割合(※)を対前年度以上とする", TargetKind.PreviousHigher, null, Unit.Percent)]
    [InlineData("全支部において、ジェネリック医薬品使用割合(※1)を80%以上とする。ただし、ジェネリック医薬品使用割合が80%以上の支部については、年度末時点で対前年度以上とする", TargetKind.AbsoluteHigher, "80", Unit.Percent)]
    [InlineData("バイオシミラーに80%(※2)以上置き換わった成分数が全体の成分数の25%(※3)以上とする", TargetKind.AbsoluteHigher, "25", Unit.Percent)]
    [InlineData("ホームページアクセス数を1億4,200万以上とする", TargetKind.AbsoluteHigher, "142000000", Unit.Cases)]
    [InlineData("全被保険者数に占める健康保険委員が委嘱されている事業所の被保険者数の割合を50%以上とするとともに、委嘱事業所数の拡大にも取り組み、委嘱事業所数を前年度以上とする", TargetKind.AbsoluteHigher, "50", Unit.Percent)]
    [InlineData("効率的・効果的な医療提供体制の構築に向けて、…意見発信を、全支部で実施する", TargetKind.Branches, "47", Unit.Branches)]
    public void Parse_PublishedWording_GivesKindValueAndUnit(string wording, TargetKind kind, string? value, Unit unit)
    {
        var target = KpiLineParser.Parse(wording);

        Assert.Equal(kind, target.Kind);
        Assert.Equal(value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), target.Value);
        Assert.Equal(unit, target.Unit);
    }

    [Fact]
    public void Parse_LevelWithout以上_IsAbsoluteHigherAndSaysItGuessed()
    {
        var target = KpiLineParser.Parse("サービススタンダードの達成状況を100%とする");

        Assert.Equal(TargetKind.AbsoluteHigher, target.Kind);
        Assert.Equal(100m, target.Value);
        Assert.NotNull(target.Guessed);
    }

    [Fact]
    public void Parse_NoTargetAtAll_IsDoneAndSaysItGuessed()
    {
        var target = KpiLineParser.Parse("健康経営の推進");

        Assert.Equal(TargetKind.Done, target.Kind);
        Assert.NotNull(target.Guessed);
    }
}
