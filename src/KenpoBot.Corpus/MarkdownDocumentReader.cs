using System.Text;
using System.Text.RegularExpressions;

namespace KenpoBot.Corpus;

/// <summary>Reads one plan document: front matter, then headings with explicit {#anchor}s and the text under them.</summary>
public static partial class MarkdownDocumentReader
{
    private static readonly string[] RequiredKeys = ["id", "title", "kind", "scope", "fiscal-years", "source"];
    private static readonly string[] KnownKeys = [.. RequiredKeys, "plan"];

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*\{#([^}]*)\}\s*$")]
    private static partial Regex AnchoredHeading();

    [GeneratedRegex(@"^#{1,6}\s")]
    private static partial Regex AnyHeading();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*$")]
    public static partial Regex IdPattern();

    public static PlanDocument? Read(string path, string relativePath, List<CorpusError> errors)
    {
        if (!CorpusText.TryReadLines(path, relativePath, errors, out var lines)) return null;
        var errorCount = errors.Count;

        var i = 0;
        while (i < lines.Length && string.IsNullOrWhiteSpace(lines[i])) i++;
        if (i >= lines.Length || lines[i].Trim() != "---")
        {
            errors.Add(new CorpusError(relativePath, i + 1, "先頭にフロントマター（---）がありません。"));
            return null;
        }
        var front = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        i++;
        for (; i < lines.Length && lines[i].Trim() != "---"; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                errors.Add(new CorpusError(relativePath, i + 1, "フロントマターの行は「キー: 値」の形にしてください。"));
                continue;
            }
            var key = line[..colon].Trim();
            var value = StripComment(line[(colon + 1)..]).Trim();
            if (!KnownKeys.Contains(key))
            {
                errors.Add(new CorpusError(relativePath, i + 1, $"未知のキー「{key}」です。"));
            }
            else if (!front.TryAdd(key, (value, i + 1)))
            {
                errors.Add(new CorpusError(relativePath, i + 1, $"キー「{key}」が重複しています。"));
            }
        }
        if (i >= lines.Length)
        {
            errors.Add(new CorpusError(relativePath, lines.Length, "フロントマターが「---」で閉じられていません。"));
            return null;
        }
        var frontEnd = i + 1;
        foreach (var key in RequiredKeys.Where(k => !front.ContainsKey(k) || front[k].Value.Length == 0))
        {
            errors.Add(new CorpusError(relativePath, frontEnd, $"フロントマターに「{key}」がありません。"));
        }
        if (errors.Count > errorCount) return null;

        var id = front["id"].Value;
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (id != expectedId) errors.Add(new CorpusError(relativePath, front["id"].Line, $"id「{id}」がファイル名「{expectedId}」と一致しません。"));
        if (!IdPattern().IsMatch(id)) errors.Add(new CorpusError(relativePath, front["id"].Line, $"id「{id}」は英小文字・数字・ハイフンで書いてください。"));
        if (!TryParseKind(front["kind"].Value, out var kind)) errors.Add(new CorpusError(relativePath, front["kind"].Line, $"kind「{front["kind"].Value}」は action-plan / business-plan / business-report / branch-plan のいずれかです。"));
        if (!Scope.TryParse(front["scope"].Value, out var scope)) errors.Add(new CorpusError(relativePath, front["scope"].Line, $"scope「{front["scope"].Value}」は協会全体または支部名です。"));
        if (!FiscalYearRange.TryParse(front["fiscal-years"].Value, out var years)) errors.Add(new CorpusError(relativePath, front["fiscal-years"].Line, $"fiscal-years「{front["fiscal-years"].Value}」は 2021 または 2024-2026 の形です。"));
        string? plan = front.TryGetValue("plan", out var p) && p.Value.Length > 0 ? p.Value : null;
        if (plan is not (null or "AP4" or "AP5" or "AP6")) errors.Add(new CorpusError(relativePath, front["plan"].Line, $"plan「{plan}」は AP4 / AP5 / AP6 のいずれかです。"));

        var sections = ReadSections(id, lines, frontEnd, relativePath, errors);
        if (errors.Count > errorCount) return null;
        return new PlanDocument(id, front["title"].Value, kind, scope, years, plan, front["source"].Value, sections, relativePath);
    }

    private static List<Section> ReadSections(string documentId, string[] lines, int start, string relativePath, List<CorpusError> errors)
    {
        var sections = new List<Section>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<(int Level, string Heading)>();
        (int Level, string Heading, string Anchor, int Line)? current = null;
        var body = new StringBuilder();

        void Flush()
        {
            if (current is { } c)
            {
                sections.Add(new Section(documentId, c.Anchor, c.Level, c.Heading, path.Select(h => h.Heading).ToArray(),
                    body.ToString().Trim(), new SourceLocation(relativePath, c.Line)));
            }
            body.Clear();
        }

        var inFence = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && AnyHeading().IsMatch(line))
            {
                var m = AnchoredHeading().Match(line);
                if (!m.Success)
                {
                    errors.Add(new CorpusError(relativePath, i + 1, "見出しにアンカー {#id} がありません。"));
                    continue;
                }
                var anchor = m.Groups[3].Value;
                if (!IdPattern().IsMatch(anchor))
                {
                    errors.Add(new CorpusError(relativePath, i + 1, $"アンカー「{anchor}」は英小文字・数字・ハイフンで書いてください。"));
                    continue;
                }
                if (!anchors.Add(anchor))
                {
                    errors.Add(new CorpusError(relativePath, i + 1, $"アンカー「{anchor}」が重複しています。"));
                    continue;
                }
                Flush();
                var level = m.Groups[1].Value.Length;
                var heading = m.Groups[2].Value.Trim();
                while (path.Count > 0 && path[^1].Level >= level) path.RemoveAt(path.Count - 1);
                path.Add((level, heading));
                current = (level, heading, anchor, i + 1);
                continue;
            }
            if (current is null)
            {
                if (!string.IsNullOrWhiteSpace(line)) errors.Add(new CorpusError(relativePath, i + 1, "最初の見出しより前に本文があります。"));
                continue;
            }
            body.AppendLine(line);
        }
        Flush();
        if (sections.Count == 0) errors.Add(new CorpusError(relativePath, 0, "見出しが一つもありません。"));
        return sections;
    }

    private static string StripComment(string value)
    {
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? value[..hash] : value;
    }

    private static bool TryParseKind(string text, out DocumentKind kind)
    {
        (string Text, DocumentKind Kind)[] kinds =
        [
            ("action-plan", DocumentKind.ActionPlan), ("business-plan", DocumentKind.BusinessPlan),
            ("business-report", DocumentKind.BusinessReport), ("branch-plan", DocumentKind.BranchPlan),
        ];
        foreach (var (t, k) in kinds)
        {
            if (t == text) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    public static string KindText(this DocumentKind kind) => kind switch
    {
        DocumentKind.ActionPlan => "保険者機能強化アクションプラン",
        DocumentKind.BusinessPlan => "事業計画",
        DocumentKind.BusinessReport => "事業報告書",
        DocumentKind.BranchPlan => "支部事業計画",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
