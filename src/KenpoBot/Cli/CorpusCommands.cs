using System.CommandLine;
using KenpoBot.Corpus;
using KenpoBot.Corpus.Import;
using KenpoBot.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace KenpoBot.Cli;

/// <summary>
/// `corpus check` validates corpus/ and lists every problem with file and line; `corpus import` turns a plan document (PDF or
/// extracted text) into a draft document and KPI rows; `corpus compare` measures such a draft against the curated document.
/// </summary>
public static class CorpusCommands
{
    public static Command Create()
    {
        var pathOption = new Option<string?>("--path") { Description = "コーパスのフォルダ（既定は設定 KenpoBot:CorpusPath）" };
        var check = new Command("check", "コーパスを検証し、問題をファイル名と行番号つきで表示します") { pathOption };
        check.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var path = parse.GetValue(pathOption) ?? ConfiguredCorpus();
            var (knowledge, errors) = CorpusLoader.Check(path);
            if (errors.Count > 0) return Task.FromResult(PrintErrors(errors, path));
            Console.WriteLine($"コーパスは正常です: 文書 {knowledge!.Documents.Count} 件（見出し {knowledge.Documents.Sum(d => d.Sections.Count)}）、" +
                $"KPI {knowledge.Kpis.Count} 件、結果 {knowledge.Results.Count} 件、用語 {knowledge.Glossary.Count} 語。");
            return Task.FromResult(0);
        }));
        return new Command("corpus", "コーパス（corpus/）の操作") { check, CreateImport(), CreateCompare() };
    }

    /// <summary>The options both import and compare take: what the curator says about the document.</summary>
    private sealed class DocumentOptions
    {
        public Argument<string> File { get; } = new("FILE") { Description = "PDF、または PDF から抽出したテキストファイル" };
        public Option<string> Id { get; } = new("--id") { Description = "文書 id（英小文字・数字・ハイフン。例: akita-2026）", Required = true };
        public Option<string> Kind { get; } = new("--kind") { Description = "action-plan / business-plan / business-report / branch-plan", Required = true };
        public Option<string> Scope { get; } = new("--scope") { Description = "協会全体、または支部名（秋田）", Required = true };
        public Option<string> Years { get; } = new("--years") { Description = "年度（2025 または 2024-2026）", Required = true };
        public Option<string?> Plan { get; } = new("--plan") { Description = "AP4 / AP5 / AP6" };
        public Option<string?> Title { get; } = new("--title") { Description = "文書の表題（既定は本文の最初の行）" };

        public void AddTo(Command command)
        {
            command.Arguments.Add(File);
            foreach (var option in new Option[] { Id, Kind, Scope, Years, Plan, Title }) command.Options.Add(option);
        }

        public (string File, ImportOptions Options) Read(ParseResult parse)
        {
            var file = parse.GetValue(File)!;
            var id = parse.GetValue(Id)!;
            if (!MarkdownDocumentReader.IdPattern().IsMatch(id)) throw new UserInputException($"--id「{id}」は英小文字・数字・ハイフンで書いてください。");
            var kind = parse.GetValue(Kind)!;
            if (kind is not ("action-plan" or "business-plan" or "business-report" or "branch-plan"))
                throw new UserInputException($"--kind「{kind}」は action-plan / business-plan / business-report / branch-plan のいずれかです。");
            if (!Corpus.Scope.TryParse(parse.GetValue(Scope), out var scope)) throw new UserInputException($"--scope「{parse.GetValue(Scope)}」は協会全体または支部名です。");
            if (!FiscalYearRange.TryParse(parse.GetValue(Years)!, out var years)) throw new UserInputException($"--years「{parse.GetValue(Years)}」は 2025 または 2024-2026 の形です。");
            var plan = parse.GetValue(Plan);
            if (plan is not (null or "AP4" or "AP5" or "AP6")) throw new UserInputException($"--plan「{plan}」は AP4 / AP5 / AP6 のいずれかです。");
            if (!System.IO.File.Exists(file)) throw new UserInputException($"ファイル {file} がありません。");
            return (file, new ImportOptions(id, kind, scope.Name, years, plan, parse.GetValue(Title), Path.GetFileName(file)));
        }
    }

    private static Command CreateImport()
    {
        var document = new DocumentOptions();
        var output = new Option<string?>("--output") { Description = "書き込むコーパスのフォルダ（既定は設定 KenpoBot:CorpusPath）" };
        var replace = new Option<bool>("--replace") { Description = "同じ id の文書があれば置き換える" };
        var reportFile = new Option<string?>("--report") { Description = "取り込みレポートをこのファイルにも書く" };
        var import = new Command("import", "計画文書（PDF またはテキスト）を下書きの文書と KPI に変換し、検証してコーパスに加えます") { output, replace, reportFile };
        document.AddTo(import);
        import.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var (file, options) = document.Read(parse);
            var corpus = parse.GetValue(output) ?? ConfiguredCorpus();
            var draft = ReadWithProgress(file, options, corpus);
            var report = draft.Report.Render();
            Console.WriteLine(report);
            if (parse.GetValue(reportFile) is { } path) File.WriteAllText(path, report);
            var outcome = CorpusImporter.Import(draft, corpus, parse.GetValue(replace));
            if (!outcome.Succeeded) return Task.FromResult(PrintErrors(outcome.Errors, corpus, "取り込みを中止しました（コーパスは変更していません）。"));
            Console.WriteLine($"書き込みました（{corpus}）: {string.Join("、", outcome.Written)}。下書きを確認してから corpus check とコミットをしてください。");
            return Task.FromResult(0);
        }));
        return import;
    }

    private static Command CreateCompare()
    {
        var document = new DocumentOptions();
        var pathOption = new Option<string?>("--path") { Description = "正解のコーパスのフォルダ（既定は設定 KenpoBot:CorpusPath）" };
        var compare = new Command("compare", "取り込みの下書きを同じ id の整備済み文書（正解）と比べ、見出しと KPI の一致率を表示します") { pathOption };
        document.AddTo(compare);
        compare.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var (file, options) = document.Read(parse);
            var corpus = parse.GetValue(pathOption) ?? ConfiguredCorpus();
            var draft = ReadWithProgress(file, options, corpus);
            Console.WriteLine(DraftComparison.Compare(draft, corpus, options.Id).Render(options.Id));
            return Task.FromResult(0);
        }));
        return compare;
    }

    /// <summary>Reads the document; a PDF shows a progress bar page by page when the console is a terminal.</summary>
    private static DocumentDraft ReadWithProgress(string file, ImportOptions options, string corpus)
    {
        if (Console.IsOutputRedirected || !file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            return CorpusImporter.Draft(file, options, corpus);
        DocumentDraft? draft = null;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("PDF を読み込み中");
            draft = CorpusImporter.Draft(file, options, corpus, (page, pages) =>
            {
                task.MaxValue = pages;
                task.Value = page;
            });
        });
        return draft!;
    }

    private static int PrintErrors(IReadOnlyList<CorpusError> errors, string path, string? headline = null)
    {
        if (headline is not null) Console.Error.WriteLine(headline);
        Console.Error.WriteLine($"コーパスに {errors.Count} 件の問題があります（{path}）。");
        foreach (var error in errors) Console.Error.WriteLine("  " + error);
        return 3;
    }

    private static string ConfiguredCorpus()
    {
        using var host = KenpoCli.CreateHost();
        return ContentRoot.Resolve(ContentRoot.Find(), host.Get<IOptions<KenpoOptions>>().Value.CorpusPath);
    }
}
