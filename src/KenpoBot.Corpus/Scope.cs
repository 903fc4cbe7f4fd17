namespace KenpoBot.Corpus;

/// <summary>The whole association (協会全体) or one of its 47 branches (支部), named by prefecture without 県/府/都.</summary>
public readonly record struct Scope
{
    public const string AssociationName = "協会全体";

    public static Scope Association { get; } = new(AssociationName);

    /// <summary>The 47 branches in the order of the prefecture codes, with the kana reading of each.</summary>
    public static IReadOnlyList<(string Name, string Reading)> Branches { get; } =
    [
        ("北海道", "ほっかいどう"), ("青森", "あおもり"), ("岩手", "いわて"), ("宮城", "みやぎ"), ("秋田", "あきた"),
        ("山形", "やまがた"), ("福島", "ふくしま"), ("茨城", "いばらき"), ("栃木", "とちぎ"), ("群馬", "ぐんま"),
        ("埼玉", "さいたま"), ("千葉", "ちば"), ("東京", "とうきょう"), ("神奈川", "かながわ"), ("新潟", "にいがた"),
        ("富山", "とやま"), ("石川", "いしかわ"), ("福井", "ふくい"), ("山梨", "やまなし"), ("長野", "ながの"),
        ("岐阜", "ぎふ"), ("静岡", "しずおか"), ("愛知", "あいち"), ("三重", "みえ"), ("滋賀", "しが"),
        ("京都", "きょうと"), ("大阪", "おおさか"), ("兵庫", "ひょうご"), ("奈良", "なら"), ("和歌山", "わかやま"),
        ("鳥取", "とっとり"), ("島根", "しまね"), ("岡山", "おかやま"), ("広島", "ひろしま"), ("山口", "やまぐち"),
        ("徳島", "とくしま"), ("香川", "かがわ"), ("愛媛", "えひめ"), ("高知", "こうち"), ("福岡", "ふくおか"),
        ("佐賀", "さが"), ("長崎", "ながさき"), ("熊本", "くまもと"), ("大分", "おおいた"), ("宮崎", "みやざき"),
        ("鹿児島", "かごしま"), ("沖縄", "おきなわ"),
    ];

    /// <summary>The eight regions (地方) and their branches: 東北 = 青森・岩手・宮城・秋田・山形・福島.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Branches)> Regions { get; } =
    [
        ("北海道地方", ["北海道"]),
        ("東北", ["青森", "岩手", "宮城", "秋田", "山形", "福島"]),
        ("関東", ["茨城", "栃木", "群馬", "埼玉", "千葉", "東京", "神奈川"]),
        ("中部", ["新潟", "富山", "石川", "福井", "山梨", "長野", "岐阜", "静岡", "愛知"]),
        ("近畿", ["三重", "滋賀", "京都", "大阪", "兵庫", "奈良", "和歌山"]),
        ("中国地方", ["鳥取", "島根", "岡山", "広島", "山口"]),
        ("四国", ["徳島", "香川", "愛媛", "高知"]),
        ("九州", ["福岡", "佐賀", "長崎", "熊本", "大分", "宮崎", "鹿児島", "沖縄"]),
    ];

    private Scope(string name) => Name = name;

    /// <summary>"協会全体" or the prefecture name, e.g. "秋田".</summary>
    public string Name { get; }

    public bool IsAssociation => Name == AssociationName;

    /// <summary>The order the documents list scopes in: 協会全体 first, then the branches by prefecture code.</summary>
    public int Order
    {
        get
        {
            if (IsAssociation) return -1;
            for (var i = 0; i < Branches.Count; i++)
            {
                if (Branches[i].Name == Name) return i;
            }
            return int.MaxValue;
        }
    }

    /// <summary>How the documents write it: 協会全体 or 秋田支部.</summary>
    public string DisplayName => IsAssociation ? AssociationName : $"{Name}支部";

    /// <summary>Accepts 協会全体/全国/全体, a prefecture name with or without 支部/県/府/都, or its kana reading.</summary>
    public static bool TryParse(string? text, out Scope scope)
    {
        scope = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (t is AssociationName or "全国" or "全体" or "協会" or "協会けんぽ" or "全国健康保険協会")
        {
            scope = Association;
            return true;
        }
        if (t.EndsWith("支部", StringComparison.Ordinal)) t = t[..^2];
        foreach (var (name, reading) in Branches)
        {
            if (t == name || t == reading || t == name + SuffixOf(name))
            {
                scope = new Scope(name);
                return true;
            }
        }
        return false;
    }

    public static Scope Parse(string text) =>
        TryParse(text, out var s) ? s : throw new FormatException($"「{text}」は協会全体または47支部のいずれでもありません。");

    /// <summary>The prefecture suffix: 北海道 has none, 東京 都, 京都/大阪 府, the rest 県.</summary>
    public static string SuffixOf(string name) => name switch
    {
        "北海道" => "",
        "東京" => "都",
        "京都" or "大阪" => "府",
        _ => "県",
    };

    public override string ToString() => DisplayName;
}
