namespace KenpoBot.Host.Tests;

/// <summary>`serve` as an operator starts it: the real host, configuration from appsettings.json and the environment.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_WithoutAppIdOnAllInterfaces_RefusesToStartInJapanese()
    {
        var result = await KenpoProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["MicrosoftAppId"] = "", ["KenpoBot__AllowUnauthenticated"] = "false" },
            null, "serve", "--urls", "http://0.0.0.0:0");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("設定に誤りがあります: MicrosoftAppId が空（認証なし）のまま、ループバック以外のアドレス（http://0.0.0.0:0）で待ち受けようとしました。", result.StdErr);
    }

    [Fact]
    public async Task Serve_DomainNameAsTenant_RefusesToStartInJapanese()
    {
        var result = await KenpoProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string> { ["MicrosoftAppTenantId"] = "contoso.onmicrosoft.com" },
            null, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("MicrosoftAppTenantId はテナント ID（GUID）です。ドメイン名は使えません。", result.StdErr);
    }
}
