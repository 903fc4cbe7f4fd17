using KenpoBot.Search.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// The content words of a text by morphological analysis (MeCab base forms, particles and auxiliaries dropped), without the
/// words every question about plans and KPIs has (KPI, 目標, 年度, 教える…): what is left is what the question is about.
/// </summary>
public sealed class ContentWords
{
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "kpi", "ｋｐｉ", "目標", "実績", "結果", "年度", "支部", "県", "達成", "状況", "教える", "くださる", "下さる", "何", "なに", "なん", "いくつ",
        "どう", "どこ", "どれ", "どの", "どっち", "どちら", "どれくらい", "どのくらい", "くらい", "ぐらい", "値", "数", "数値", "率", "ある", "いる", "する",
        "なる", "できる", "れる", "られる", "ござる", "です", "ます", "じゃあ", "では", "それ", "その", "この", "これ", "そこ", "あれ", "場合", "もし",
        "一番", "いちばん", "最も", "高い", "低い", "多い", "少ない", "比べる", "比較", "違い", "違う", "変わる", "変化", "差", "ポイント", "%", "人",
        "全部", "すべて", "全て", "挙げる", "見せる", "一覧", "ざっくり", "まとめる", "それぞれ", "個", "件", "項目", "未", "概ね", "おおむね",
        "評価", "扱い", "なら", "だ", "た", "言う", "いう", "思う", "知る", "聞く", "ところ", "こと", "もの", "よう", "ため", "今", "ちなみに",
        "じゃ", "さん", "ね", "よ", "か", "よね", "って", "なぜ", "どうして", "理由", "意味", "とは", "説明", "定義", "見る", "分かる", "わかる",
        "参考", "末", "言葉", "用語", "本当", "対象者", "対象", "人数", "者", "額", "分", "方", "書く", "載る", "記載", "どういう", "どんな", "基準", "いくら", "てる", "でる", "平成", "令和", "期", "第", "前年", "前", "翌年", "今年", "昨年", "去年", "次", "全体", "協会", "けんぽ", "全国",
    };

    private readonly JapaneseAnalyzer analyzer = new();

    /// <summary>The content words of the text outside the covered characters (entities), space-separated, each once.</summary>
    public string Topic(string text, bool[]? covered = null)
    {
        var chars = text.ToCharArray();
        if (covered is not null)
        {
            for (var i = 0; i < chars.Length && i < covered.Length; i++) if (covered[i]) chars[i] = '　';
        }
        return string.Join(" ", Of(new string(chars)).Where(w => !Generic.Contains(w) && !w.All(c => char.IsDigit(c) || c is '.' or ',' or '%')));
    }

    /// <summary>Every analyzed term of the text of two characters or more (and single kanji, unless told not to), each once, in order.</summary>
    public IReadOnlyList<string> Of(string text, bool singleKanji = true)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var t = term.ToString();
            if ((t.Length >= 2 || (singleKanji && t.Length == 1 && char.IsLetter(t[0]) && t[0] > '\u4e00')) && !terms.Contains(t)) terms.Add(t);
        }
        stream.End();
        return terms;
    }
}
