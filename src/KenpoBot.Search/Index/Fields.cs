namespace KenpoBot.Search.Index;

/// <summary>Lucene field names of the index.</summary>
public static class Fields
{
    public const string Kind = "kind";
    public const string Id = "id";
    public const string Document = "doc";
    public const string DocumentTitle = "doc_title";
    public const string Scope = "scope";
    public const string FiscalYear = "fy";
    public const string FiscalYears = "fiscal_years";
    public const string Plan = "plan";
    public const string HeadingPath = "path";

    /// <summary>Title and body, analysed by MeCab.</summary>
    public const string Title = "title";
    public const string Text = "text";

    /// <summary>Title and body again as CJK bigrams, for compounds the dictionary does not know.</summary>
    public const string TitleBigram = "title_bg";
    public const string TextBigram = "text_bg";
}
