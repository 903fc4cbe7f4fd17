using KenpoBot.Corpus.Import;

namespace KenpoBot.Corpus.Tests.Import;

public sealed class LineCleanerTests
{
    private static string[] Texts(params string[] raw) => LineCleaner.Clean(raw).Select(l => l.Text).ToArray();

    [Fact]
    public void Clean_BulletPrintedOverTwoLines_IsOneBullet()
    {
        // 003: the extraction starts the second printed line of a bullet with 「・」 again.
        var lines = Texts(
            "・ 業務マニュアルや手順書に基づく事務処理を徹底することにより過剰処理を見直し、業務の標準化・効率化・簡素化に対する職員の",
            "・ 意識改革を促進する。",
            "・ 申請書の正しい記入方法を周知し、自動審査率を向上させることで、事務処理の効率化を図る。");

        Assert.Equal(
            [
                "・ 業務マニュアルや手順書に基づく事務処理を徹底することにより過剰処理を見直し、業務の標準化・効率化・簡素化に対する職員の意識改革を促進する。",
                "・ 申請書の正しい記入方法を周知し、自動審査率を向上させることで、事務処理の効率化を図る。",
            ], lines);
    }

    [Fact]
    public void Clean_PageNumbers_AreDropped()
    {
        var lines = Texts("３）健康保険委員の委嘱事業所数を前年度以上とする 13", "", "15", "KPI一覧表");

        Assert.Equal(["3)健康保険委員の委嘱事業所数を前年度以上とする", "", "KPI一覧表"], lines);
    }

    [Fact]
    public void Clean_TableOfContentsEntry_KeepsItsPageNumber()
    {
        Assert.Equal(["Ⅰ.健全な財政運営 4"], Texts("Ⅰ．健全な財政運営 4"));
    }

    [Fact]
    public void Clean_PageHeaderOnEveryPage_KeepsOnlyTheHeadingItStartsWith()
    {
        // 003: every page of the first pillar repeats the margin 「1.基盤的保険者 / 機能の盤石化」 under 「分野 実施内容等」.
        string[] page = [" 分野 実施内容等", "", "1.基盤的保険者", "機能の盤石化", ""];
        var lines = Texts([.. page, "Ⅰ）健全な財政運営", .. page, "② サービス水準の向上", .. page, "③ 現金給付等の適正化の推進"]);

        Assert.Equal(["", "1.基盤的保険者機能の盤石化", "", "Ⅰ)健全な財政運営", "", "", "② サービス水準の向上", "", "", "③ 現金給付等の適正化の推進"], lines);
    }

    [Fact]
    public void Clean_ExtractionMisspellings_AreFixed()
    {
        Assert.Equal(["⑤ コラボヘルスの推進", "1.03% 1.00%"], Texts("⑤ コラボルスの推進", "1.03& 1.00%"));
    }

    [Fact]
    public void Clean_RadicalsNfkcLeavesAlone_AreFixedFromTheList()
    {
        // PdfPig on a Chromium-printed 003: 「⻘森支部」 (U+2ED8), 「⼊」 (Kangxi, NFKC) and 「・」 printed as 「‧」.
        Assert.Equal(["協会全体 青森支部", "加入者・事業主"], Texts("協会全体 \u2ED8森支部", "加\u2F0A者\u2027事業主"));
    }
}
