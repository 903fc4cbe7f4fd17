using KenpoBot.Bot.Auth;

namespace KenpoBot.Bot.Tests;

public sealed class BotAuthenticationOptionsValidatorTests
{
    private const string AppId = "8a0f3c1e-5b7d-4e2a-9c6f-1d2e3f4a5b6c";
    private const string TenantId = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091";

    private static IEnumerable<string> Validate(BotAuthenticationOptions options) =>
        new BotAuthenticationOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_EmptyAppId_IsUnauthenticatedModeAndValid()
    {
        Assert.Empty(Validate(new BotAuthenticationOptions()));
        Assert.False(new BotAuthenticationOptions().IsAuthenticationEnabled);
    }

    [Theory]
    [InlineData(BotAppType.MultiTenant, "secret", "")]
    [InlineData(BotAppType.SingleTenant, "secret", TenantId)]
    [InlineData(BotAppType.UserAssignedMSI, "", "")]
    [InlineData(BotAppType.UserAssignedMSI, "", TenantId)]
    public void Validate_CompleteSettings_AreValid(BotAppType type, string password, string tenant)
    {
        Assert.Empty(Validate(new BotAuthenticationOptions { MicrosoftAppType = type, MicrosoftAppId = AppId, MicrosoftAppPassword = password, MicrosoftAppTenantId = tenant }));
    }

    [Theory]
    [InlineData(BotAppType.MultiTenant, AppId, "", "", "MicrosoftAppType が MultiTenant のときは MicrosoftAppPassword を設定してください。")]
    [InlineData(BotAppType.SingleTenant, AppId, "secret", "", "MicrosoftAppType が SingleTenant のときは MicrosoftAppTenantId を設定してください。")]
    [InlineData(BotAppType.UserAssignedMSI, AppId, "secret", "", "MicrosoftAppType が UserAssignedMSI のときは MicrosoftAppPassword を空にしてください。")]
    [InlineData(BotAppType.MultiTenant, "not-a-guid", "secret", "", "MicrosoftAppId は GUID です。")]
    [InlineData(BotAppType.MultiTenant, "", "secret", "", "MicrosoftAppPassword があるのに MicrosoftAppId が空です。")]
    [InlineData(BotAppType.SingleTenant, AppId, "secret", "bad tenant!", "MicrosoftAppTenantId はテナント ID（GUID）です。ドメイン名は使えません。")]
    [InlineData(BotAppType.SingleTenant, AppId, "secret", "contoso.onmicrosoft.com", "MicrosoftAppTenantId はテナント ID（GUID）です。ドメイン名は使えません。")]
    [InlineData(BotAppType.MultiTenant, AppId, "secret", "contoso.com", "MicrosoftAppTenantId はテナント ID（GUID）です。ドメイン名は使えません。")]
    [InlineData(BotAppType.UserAssignedMSI, "", "", "", "MicrosoftAppType が UserAssignedMSI のときは MicrosoftAppId（マネージド ID のクライアント ID）を設定してください。")]
    [InlineData(BotAppType.UserAssignedMSI, "", "", TenantId, "MicrosoftAppType が UserAssignedMSI のときは MicrosoftAppId（マネージド ID のクライアント ID）を設定してください。")]
    [InlineData((BotAppType)7, AppId, "secret", "", "MicrosoftAppType は MultiTenant、SingleTenant、UserAssignedMSI のいずれかです。")]
    public void Validate_HalfConfigured_FailsWithAJapaneseMessage(BotAppType type, string appId, string password, string tenant, string message)
    {
        var failures = Validate(new BotAuthenticationOptions { MicrosoftAppType = type, MicrosoftAppId = appId, MicrosoftAppPassword = password, MicrosoftAppTenantId = tenant });

        Assert.Contains(message, failures);
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("not a url")]
    public void Validate_MetadataUrlNotHttps_Fails(string url)
    {
        var failures = Validate(new BotAuthenticationOptions { OpenIdMetadataUrl = url });

        Assert.Equal(["OpenIdMetadataUrl は https の URL です（http はループバックのみ可）。"], failures);
    }

    [Theory]
    [InlineData(BotAppType.MultiTenant, TenantId, "botframework.com")]
    [InlineData(BotAppType.SingleTenant, TenantId, TenantId)]
    public void TokenTenant_FollowsTheAppType(BotAppType type, string tenant, string expected)
    {
        Assert.Equal(expected, new BotAuthenticationOptions { MicrosoftAppType = type, MicrosoftAppTenantId = tenant }.TokenTenant);
    }
}
