using KenpoBot.Kpi;

namespace KenpoBot.Assistant.Understanding;

/// <summary>
/// The words that say what a question asks (目標, 実績, 一番高い, だったら…). Language, not domain facts: the domain words
/// (branches, years, plans, KPI names and aliases, glossary terms) come from corpus/ through the recognisers.
/// </summary>
internal static class Cues
{
    public static readonly (Asks Ask, string[] Words)[] AskWords =
    [
        (Asks.Target, ["目標", "KPIは", "KPIって", "KPIを", "のKPI", "KPIの値", "何%以上", "何％以上", "目指"]),
        (Asks.Result, ["実績", "結果", "だった", "でした", "どれくらい", "どのくらい", "いくつだった", "何%だった", "何%でした", "数値", "取れた", "は何%", "は何%?", "何%?"]),
        (Asks.Status, ["達成", "届いた", "届かな", "届いて", "クリア", "満たし", "評価", "どうだった", "どうでした", "できてた", "できた", "状況"]),
        (Asks.Gap, ["差", "足りな", "不足", "あと何", "届かない分", "何ポイント"]),
        (Asks.People, ["何人", "人数"]),
        (Asks.Baseline, ["年度末", "参考値", "基準値", "ベースライン"]),
        (Asks.TargetPopulation, ["対象者", "対象人数"]),
        (Asks.Count, ["いくつ", "何個", "何件", "幾つ", "何項目", "達成数", "の数", "数は", "件数", "まとめ", "ざっくり", "それぞれ", "内訳"]),
        (Asks.Definition, ["とは", "って何", "ってなに", "ってなん", "意味", "どういう", "どんな", "説明", "定義", "日本語で", "何のこと", "なんのこと", "基準は"]),
        (Asks.Why, ["なぜ", "何故", "どうして", "理由", "根拠", "考え方"]),
        (Asks.Change, ["変わ", "変化", "違い", "違う", "違っ", "変更", "→", "から", "推移", "どう扱", "扱いに", "になった", "になりました", "なくなっ", "無くなっ", "新しく", "新た", "新規", "始め", "開始"]),
        (Asks.Compare, ["比べ", "比較", "どっち", "どちら", "より高", "より低", "より多", "より少"]),
        (Asks.List, ["全部", "すべて", "全て", "挙げ", "一覧", "リスト", "見せ", "教えて", "どれ", "どの"]),
        (Asks.Which, ["どこ", "どの支部", "支部は", "ある?", "ある？", "あります"]),
        (Asks.WhatIf, ["なら", "だったら", "だった場合", "の場合", "としたら", "とすると", "で終わったら", "で終わると", "もし", "仮に", "ままだと", "のままなら"]),
        (Asks.Kpi, ["KPI", "ＫＰＩ", "指標"]),
        (Asks.Rising, ["上が", "増え", "伸び", "改善", "上昇", "増加"]),
        (Asks.Falling, ["下が", "減っ", "減少", "低下", "悪化", "下回"]),
        (Asks.CurrentPlan, ["第何期", "何期", "現在のアクションプラン", "今のアクションプラン"]),
        (Asks.StillOngoing, ["今も", "続いて", "継続", "まだ", "現在も", "廃止", "なくなっ", "無くなっ"]),
    ];

    public static readonly (RankOrder Order, string[] Words)[] OrderWords =
    [
        (RankOrder.Highest, ["一番高", "いちばん高", "最も高", "最高", "トップ", "一番多", "いちばん多", "最も多", "一番良", "高い順", "多い順", "上位"]),
        (RankOrder.Lowest, ["一番低", "いちばん低", "最も低", "最低", "ワースト", "一番少", "いちばん少", "最も少", "一番悪", "低い順", "少ない順", "下位"]),
    ];

    /// <summary>Status words, longest first: 概ね達成 before 達成, 未達成 before 達成.</summary>
    public static readonly (KpiStatus[] Statuses, string[] Words)[] StatusWords =
    [
        ([KpiStatus.MostlyAchieved], ["概ね達成", "おおむね達成"]),
        ([KpiStatus.NotAchieved], ["未達成", "未達", "未実施", "実施していない", "実施しなかった"]),
        // Short of the target: 概ね達成 did not reach it either.
        ([KpiStatus.MostlyAchieved, KpiStatus.NotAchieved], ["届かなかった", "届いていない", "届かない", "達成できなかった", "達成できていない", "達成していない", "下回った"]),
        ([KpiStatus.NotEvaluable], ["評価不能"]),
        ([KpiStatus.Achieved], ["達成した", "達成できた", "達成している", "達成済", "クリアした"]),
    ];

    /// <summary>Words that point back at the previous answer.</summary>
    public static readonly string[] Demonstratives = ["それ", "その", "この", "これ", "そこ", "あれ", "同じ"];

    /// <summary>Words that open a follow-up: 「じゃあ岩手は？」.</summary>
    public static readonly string[] FollowUpOpeners = ["じゃあ", "じゃ", "では", "なら", "それなら", "だったら", "ちなみに"];

    public static bool Any(string text, string[] words) => words.Any(w => Caseless.Contains(text, w));
}
