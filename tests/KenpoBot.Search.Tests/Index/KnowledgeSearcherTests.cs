using KenpoBot.Search.Index;

namespace KenpoBot.Search.Tests.Index;

public sealed class KnowledgeSearcherTests(IndexFixture fixture) : IClassFixture<IndexFixture>
{
    [Theory]
    [InlineData("後発医薬品の使用割合", "ジェネリック医薬品")]
    [InlineData("バイオ後続品", "バイオシミラー")]
    [InlineData("健康経営の推進", "コラボヘルス")]
    [InlineData("特定健康診査", "特定健診")]
    public void Synonyms_FromTheGlossary_FindTheEntry(string query, string expected)
    {
        var hits = fixture.Searcher.Search(query, top: 5);
        Assert.Contains(hits, h => h.Entry.Text.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("令和2年度の保険証回収率の結果")]
    [InlineData("2020年度の保険証回収率の結果")]
    [InlineData("R2の保険証回収率の結果")]
    [InlineData("令和２年度の保険証回収率の結果")]
    public void YearForms_FindTheFy2020Result(string query)
    {
        var hits = fixture.Searcher.Search(query, new SearchFilter(Kind: EntryKind.Kpi), top: 5);
        Assert.Contains(hits, h => h.Entry.Id == "fy2020-card-recovery-rate");
    }

    [Fact]
    public void Filters_ByScopeYearAndKind_KeepOnlyThoseEntries()
    {
        var hits = fixture.Searcher.Search("事業者健診データ取得率", new SearchFilter(EntryKind.Kpi, "秋田", 2023), top: 10);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal((EntryKind.Kpi, "秋田"), (h.Entry.Kind, h.Entry.Scope)));
        Assert.Equal("fy2023-akita-employer-checkup-data-rate", hits[0].Entry.Id);
        Assert.Contains("19.7", hits[0].Entry.Text);
    }

    [Fact]
    public void NamedFiscalYear_RanksThatYearsKpiFirst()
    {
        // 003 prints Iwate's FY2023 target as well; the question names 令和3年度, so Iwate's FY2021 plan (24.1%) comes first.
        var hits = fixture.Searcher.Search("令和3年度の岩手の被保険者の特定保健指導実施率", top: 5);
        Assert.Equal("fy2021-iwate-insured-guidance-rate", hits[0].Entry.Id);
        Assert.Contains("24.1", hits[0].Entry.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("秋田のジェネリック医薬品の取組", "秋田")]
    [InlineData("岩手支部の広報の取組", "岩手")]
    public void NamedBranch_FavoursItsOwnEntries(string question, string scope)
    {
        // Both topics are in the national plans and in other branches' plans; the branch asked about comes first.
        var hits = fixture.Searcher.Search(question, top: 5);
        Assert.Equal(scope, hits[0].Entry.Scope);
    }

    [Fact]
    public void UsersOwnWords_OutweighTheGlossaryExpansion()
    {
        // 第6期 expands to the plan's full name; 廃止 is what is asked. AP6's change list says 限度額適用認定証 …廃止する.
        var hits = fixture.Searcher.Search("第6期で廃止された施策は", top: 5);
        Assert.Contains(hits, h => h.Entry.Text.Contains("限度額適用認定証", StringComparison.Ordinal) && h.Entry.Text.Contains("廃止", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("インセンティブ制度とは", "インセンティブ制度")]
    [InlineData("データヘルス計画とは", "データヘルス計画")]
    public void QuestionAboutATerm_RanksItsGlossaryEntryFirst(string question, string term)
    {
        // Branch plans have sections on both topics that repeat the words more often than the glossary does.
        var hits = fixture.Searcher.Search(question, top: 5);
        Assert.Equal((EntryKind.Glossary, term), (hits[0].Entry.Kind, hits[0].Entry.Id));
    }

    [Fact]
    public void Ranking_IsBm25()
    {
        var ranking = Assert.IsType<Bm25Ranking>(fixture.Index.Use(searcher => searcher.Similarity));
        Assert.Equal((1.2f, 0.75f), (ranking.K1, ranking.B));
    }

    [Fact]
    public void Snippet_MarksTheMatchedTerms()
    {
        var hit = fixture.Searcher.Search("返納金債権", new SearchFilter(Kind: EntryKind.Glossary), top: 1).Single();
        Assert.Equal("返納金債権", hit.Entry.Id);
        Assert.Contains("**", hit.MarkedSnippet);
        Assert.DoesNotContain("**", hit.Snippet);
        Assert.Equal(hit.Snippet, hit.MarkedSnippet.Replace("**", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AND")]
    [InlineData("(")]
    [InlineData("*")]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData("title:x OR text:[a TO z]")]
    [InlineData("\u0000\u0001\u001f")]
    public void HostileQueries_AreSafe(string query)
    {
        var hits = fixture.Searcher.Search(query);
        Assert.NotNull(hits);
    }

    [Fact]
    public void VeryLongQuery_IsBoundedAndSafe()
    {
        var query = string.Concat(Enumerable.Repeat("特定保健指導の実施率 AND ( * \" ", 1000))[..10_000];
        var hits = fixture.Searcher.Search(query);
        Assert.NotEmpty(hits);
    }
}
