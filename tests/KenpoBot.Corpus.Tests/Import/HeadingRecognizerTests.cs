using KenpoBot.Corpus.Import;

namespace KenpoBot.Corpus.Tests.Import;

public sealed class HeadingRecognizerTests
{
    [Theory]
    [InlineData("１．基盤的保険者機能の盤石化", HeadingMarker.Chapter, "1.基盤的保険者機能の盤石化")]            // 003:23 (目次)
    [InlineData("1. 基盤的保険者機能の盤石化", HeadingMarker.Chapter, "1. 基盤的保険者機能の盤石化")]          // 002:200
    [InlineData("Ⅱ）業務改革の実践と業務品質の向上", HeadingMarker.Item, "Ⅱ)業務改革の実践と業務品質の向上")]    // 003
    [InlineData("Ⅲ）ＤＸ（デジタルトランスフォーメーション）の推進", HeadingMarker.Item, "Ⅲ)DX(デジタルトランスフォーメーション)の推進")]
    [InlineData("（１）基盤的保険者機能関係", HeadingMarker.Item, "(1)基盤的保険者機能関係")]                  // 000
    [InlineData("(2) 戦略的保険者機能の一層の発揮", HeadingMarker.Item, "(2) 戦略的保険者機能の一層の発揮")]     // 002
    [InlineData("② サービス水準の向上", HeadingMarker.Measure, "② サービス水準の向上")]                        // 003
    [InlineData("ⅱ）事業者健診データ取得", HeadingMarker.SubMeasure, "ⅱ)事業者健診データ取得")]                // 003
    [InlineData("【協会けんぽの理念】", HeadingMarker.Chapter, "協会けんぽの理念")]                             // 003:1
    [InlineData("〇データヘルス計画", HeadingMarker.Mark, "データヘルス計画")]                                  // 003 用語集
    [InlineData("KPI一覧表", HeadingMarker.Part, "KPI一覧表")]
    [InlineData("参考：令和５年度ＫＰＩ及び結果（協会全体＋東北６県）", HeadingMarker.Part, "参考:令和5年度KPI及び結果(協会全体+東北6県)")]
    [InlineData("基盤的保険者機能の盤石化", HeadingMarker.Chapter, "基盤的保険者機能の盤石化")]                 // 002: a pillar on its own
    [InlineData("＜重症化予防の対策＞", HeadingMarker.Measure, "<重症化予防の対策>")]                           // 000
    [InlineData("●健全な財政運営", HeadingMarker.Measure, "健全な財政運営")]                                    // 000 (令和3年度事業計画)
    public void Recognize_NumberingOfTheSeeds_GivesMarkerAndText(string line, HeadingMarker marker, string text)
    {
        var heading = HeadingRecognizer.Recognize(ImportText.Normalize(line));

        Assert.NotNull(heading);
        Assert.Equal(marker, heading.Marker);
        Assert.Equal(text, heading.Text);
    }

    [Theory]
    [InlineData("【重要度：高】")]                                                    // a note, not a section
    [InlineData("■ KPI：１）サービススタンダードの達成状況を100％とする")]
    [InlineData("・ すべての申請について迅速な業務処理を徹底する。サービススタンダートは平均所要日数を７日以内とする。")]
    [InlineData("① 100％")]                                                          // a cell of the KPI一覧表
    [InlineData("③ 前年度以上")]
    [InlineData("- ① 健全な財政運営")]                                              // 002: a list item
    [InlineData("1.03& 1.00%")]
    [InlineData("具体的施策\tKPI\t参考：令和4年度末")]
    [InlineData("")]
    public void Recognize_LinesThatAreNotHeadings_ReturnsNull(string line)
    {
        Assert.Null(HeadingRecognizer.Recognize(ImportText.Normalize(line)));
    }

    [Theory]
    [InlineData("第6期の事業運営の3つの柱", true)]                       // 002: a slide title
    [InlineData("令和3年度（2021） 令和4年度（2022） 令和5年度（2023）", false)]  // 000: a diagram's axis
    [InlineData("Plan", false)]
    [InlineData("・ 業務の標準化・効率化・簡素化の推進", false)]
    public void RecognizeStandalone_SlideTitlesOnly(string line, bool isHeading)
    {
        Assert.Equal(isHeading, HeadingRecognizer.RecognizeStandalone(ImportText.Normalize(line)) is { Marker: HeadingMarker.Chapter });
    }

    [Theory]
    [InlineData("2.戦略的保険者機能の一層の発揮", "戦略")]
    [InlineData("3.保険者機能の強化を支える組織・運営体制等の整備", "組織")]
    [InlineData("Ⅰ)健全な財政運営", null)]
    public void AreaOf_PillarHeadings_NamesTheArea(string heading, string? area)
    {
        Assert.Equal(area, HeadingRecognizer.AreaOf(heading));
    }
}
