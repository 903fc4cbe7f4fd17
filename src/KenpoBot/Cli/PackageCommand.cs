using System.CommandLine;
using System.IO.Compression;
using System.Text.RegularExpressions;
using KenpoBot.Hosting;

namespace KenpoBot.Cli;

/// <summary>`package --app-id GUID`: zips the Teams app manifest and its icons with the bot id filled in.</summary>
public static partial class PackageCommand
{
    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Guid();

    public static Command Create()
    {
        var appIdOption = new Option<string>("--app-id") { Description = "Azure Bot の MicrosoftAppId（GUID）", Required = true };
        var outputOption = new Option<string>("--output") { Description = "出力する zip", DefaultValueFactory = _ => "kenpobot-teams.zip" };
        var command = new Command("package", "Teams アプリのパッケージ（manifest.json とアイコン）を zip にします") { appIdOption, outputOption };
        command.SetAction((parse, _) => KenpoCli.Run(() =>
        {
            var appId = parse.GetValue(appIdOption)!;
            if (!Guid().IsMatch(appId)) throw new UserInputException($"--app-id「{appId}」は GUID の形（xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx）で指定してください。");
            var source = Path.Combine(ContentRoot.Find(), "src", "KenpoBot.Bot", "AppPackage");
            var output = Path.GetFullPath(parse.GetValue(outputOption)!);
            var temp = output + ".tmp";
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                var manifest = File.ReadAllText(Path.Combine(source, "manifest.json")).Replace("{{MICROSOFT_APP_ID}}", appId, StringComparison.Ordinal);
                using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open())) writer.Write(manifest);
                zip.CreateEntryFromFile(Path.Combine(source, "color.png"), "color.png");
                zip.CreateEntryFromFile(Path.Combine(source, "outline.png"), "outline.png");
            }
            File.Move(temp, output, overwrite: true);
            Console.WriteLine($"Teams アプリのパッケージを作成しました: {output}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
