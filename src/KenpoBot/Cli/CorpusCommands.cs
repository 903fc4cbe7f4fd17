using System.CommandLine;
using KenpoBot.Corpus;
using KenpoBot.Hosting;
using Microsoft.Extensions.Options;

namespace KenpoBot.Cli;

/// <summary>`corpus check`: loads and validates corpus/ and lists every problem with file and line.</summary>
public static class CorpusCommands
{
    public static Command Create()
    {
        var pathOption = new Option<string?>("--path") { Description = "コーパスのフォルダ（既定は設定 KenpoBot:CorpusPath）" };
        var check = new Command("check", "コーパスを検証し、問題をファイル名と行番号つきで表示します") { pathOption };
        check.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var path = parse.GetValue(pathOption);
            if (path is null)
            {
                using var host = KenpoCli.CreateHost();
                path = ContentRoot.Resolve(ContentRoot.Find(), host.Get<IOptions<KenpoOptions>>().Value.CorpusPath);
            }
            var (knowledge, errors) = CorpusLoader.Check(path);
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"コーパスに {errors.Count} 件の問題があります（{path}）。");
                foreach (var error in errors) Console.Error.WriteLine("  " + error);
                return Task.FromResult(3);
            }
            Console.WriteLine($"コーパスは正常です: 文書 {knowledge!.Documents.Count} 件（見出し {knowledge.Documents.Sum(d => d.Sections.Count)}）、" +
                $"KPI {knowledge.Kpis.Count} 件、結果 {knowledge.Results.Count} 件、用語 {knowledge.Glossary.Count} 語。");
            return Task.FromResult(0);
        }));
        return new Command("corpus", "コーパス（corpus/）の操作") { check };
    }
}
