namespace KenpoBot.Search.Analysis.MeCab;

/// <summary>
/// The IPADIC features of one dictionary entry (品詞,品詞細分類1,2,3,活用型,活用形,原形,読み,発音), parsed once and shared by
/// every morpheme of that entry. Absent features ("*" or missing) are null.
/// </summary>
/// <param name="PartOfSpeech">The four POS levels joined with '-', leaving out "*": 名詞-数, 助詞-格助詞-一般.</param>
public sealed record MorphemeFeatures(string PartOfSpeech, string? BaseForm, string? Reading, string? Pronunciation)
{
    private const int PosLevels = 4;
    private const int BaseFormField = 6;
    private const int ReadingField = 7;
    private const int PronunciationField = 8;

    /// <summary>Parses MeCab's feature CSV.</summary>
    public static MorphemeFeatures FromCsv(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fields = SplitCsv(csv);
        var pos = string.Join('-', fields.Take(PosLevels).Where(f => f.Length > 0 && f != "*"));
        return new MorphemeFeatures(
            pos,
            FieldOrNull(fields, BaseFormField),
            FieldOrNull(fields, ReadingField),
            FieldOrNull(fields, PronunciationField));
    }

    private static string? FieldOrNull(List<string> fields, int index) =>
        index < fields.Count && fields[index].Length > 0 && fields[index] != "*" ? fields[index] : null;

    /// <summary>Splits MeCab's feature CSV; like MeCab's own tokenizer it honours double-quoted fields.</summary>
    private static List<string> SplitCsv(string csv)
    {
        var fields = new List<string>(9);
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
