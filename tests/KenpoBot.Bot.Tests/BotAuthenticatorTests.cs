using System.Net;
using System.Text.Json.Nodes;
using KenpoBot.Bot.Auth;
using KenpoBot.Bot.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace KenpoBot.Bot.Tests;

/// <summary>A bot with MicrosoftAppId set, whose OpenID metadata comes from a loopback server with test keys.</summary>
public sealed class AuthenticatedBot : IAsyncLifetime
{
    public FakeChannel Channel { get; private set; } = null!;

    public BotServer Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["OpenIdMetadataUrl"] = Channel.ChannelMetadataUrl,
            ["EmulatorOpenIdMetadataUrl"] = Channel.AadMetadataUrl,
            ["KenpoBot:AcceptEmulatorTokens"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Channel.DisposeAsync();
    }
}

public sealed class BotAuthenticatorTests(AuthenticatedBot fixture) : IClassFixture<AuthenticatedBot>
{
    private static readonly TestKeys Keys = TestKeys.Shared;

    private string ServiceUrl => fixture.Channel.ServiceUrl("auth");

    private JsonObject Message(string? serviceUrl = null, string channelId = "msteams") =>
        Activities.Message(serviceUrl ?? ServiceUrl, "返納金債権とは？", channelId, DeliveryModesForAuth);

    /// <summary>Replies in the body keep the authentication tests independent of the connector.</summary>
    private const string DeliveryModesForAuth = "expectReplies";

    [Fact]
    public async Task Post_ValidChannelToken_Is200()
    {
        var response = await fixture.Bot.PostAsync(Message(), Keys.ChannelToken(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Single(body["activities"]!.AsArray());
    }

    [Fact]
    public async Task Post_TokenExpiredWithinFiveMinuteSkew_Is200()
    {
        var token = Keys.ChannelToken(ServiceUrl, notBefore: DateTime.UtcNow.AddMinutes(-30), expires: DateTime.UtcNow.AddMinutes(-3));

        var response = await fixture.Bot.PostAsync(Message(), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, AuthFailure> Rejected => new()
    {
        { "missing", AuthFailure.MissingToken },
        { "basic", AuthFailure.MissingToken },
        { "garbage", AuthFailure.MalformedToken },
        { "expired", AuthFailure.Expired },
        { "not-yet-valid", AuthFailure.Expired },
        { "wrong-audience", AuthFailure.WrongAudience },
        { "wrong-issuer", AuthFailure.UntrustedIssuer },
        { "bad-signature", AuthFailure.InvalidSignature },
        { "unknown-key", AuthFailure.InvalidSignature },
        { "alg-none", AuthFailure.DisallowedAlgorithm },
        { "alg-hs256", AuthFailure.DisallowedAlgorithm },
        { "alg-ps256", AuthFailure.DisallowedAlgorithm },
        { "other-service-url", AuthFailure.ServiceUrlMismatch },
        { "no-service-url-claim", AuthFailure.ServiceUrlMismatch },
        { "not-endorsed", AuthFailure.NotEndorsed },
        { "emulator-other-app", AuthFailure.WrongAppId },
        { "emulator-unknown-version", AuthFailure.WrongAppId },
        { "emulator-skill-audience", AuthFailure.WrongAudience },
        { "emulator-foreign-tenant", AuthFailure.UntrustedIssuer },
        { "emulator-to-internal-url", AuthFailure.UntrustedServiceUrl },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Post_InvalidToken_IsOneBare401AndTheReasonIsLogged(string kind, AuthFailure reason)
    {
        var (authorization, activity) = kind switch
        {
            "missing" => (null, Message()),
            "basic" => ("Basic dXNlcjpwYXNz", Message()),
            "garbage" => ("Bearer not.a.jwt", Message()),
            "expired" => (Bearer(Keys.ChannelToken(ServiceUrl, notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-10))), Message()),
            "not-yet-valid" => (Bearer(Keys.ChannelToken(ServiceUrl, notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1))), Message()),
            "wrong-audience" => (Bearer(Keys.ChannelToken(ServiceUrl, audience: "00000000-1111-2222-3333-444444444444")), Message()),
            "wrong-issuer" => (Bearer(Keys.ChannelToken(ServiceUrl, issuer: "https://evil.example.com")), Message()),
            "bad-signature" => (Bearer(Keys.ChannelToken(ServiceUrl, key: Keys.Rogue)), Message()),
            "unknown-key" => (Bearer(Keys.ChannelToken(ServiceUrl, key: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "nobody" })), Message()),
            "alg-none" => (Bearer(TestKeys.UnsignedToken(ServiceUrl)), Message()),
            "alg-hs256" => (Bearer(Keys.SymmetricToken(ServiceUrl)), Message()),
            "alg-ps256" => (Bearer(Keys.ChannelToken(ServiceUrl, algorithm: SecurityAlgorithms.RsaSsaPssSha256)), Message()),
            "other-service-url" => (Bearer(Keys.ChannelToken("https://smba.trafficmanager.net/amer")), Message()),
            "no-service-url-claim" => (Bearer(Keys.ChannelToken(ServiceUrl, includeServiceUrl: false)), Message()),
            "not-endorsed" => (Bearer(Keys.ChannelToken(ServiceUrl, key: Keys.WebChatOnly)), Message()),
            "emulator-other-app" => (Bearer(Keys.EmulatorToken(appId: "00000000-1111-2222-3333-444444444444")), Message()),
            "emulator-unknown-version" => (Bearer(Keys.EmulatorToken(version: "3.0")), Message()),
            "emulator-skill-audience" => (Bearer(Keys.EmulatorToken(audience: "11111111-2222-3333-4444-555555555555")), Message()),
            "emulator-to-internal-url" => (Bearer(Keys.EmulatorToken()), Activities.Message("http://10.0.0.5/internal", "返納金債権とは？")),
            "emulator-foreign-tenant" => (Bearer(Keys.EmulatorToken(tenant: "99999999-9999-9999-9999-999999999999")), Message()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var logged = fixture.Bot.Logs.Entries.Count;

        var response = await PostWithHeaderAsync(activity, authorization);

        await AssertBare401Async(response);
        Assert.Contains(fixture.Bot.Logs.Entries.Skip(logged), e => e.Message == $"Refused a request for channel msteams: {reason}");
    }

    /// <summary>The one answer to every authentication failure: 401, <c>WWW-Authenticate: Bearer</c>, no body.</summary>
    internal static async Task AssertBare401Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task Post_KeyEndorsedForTheChannel_Is200()
    {
        var token = Keys.ChannelToken(ServiceUrl, key: Keys.WebChatOnly);

        var response = await fixture.Bot.PostAsync(Message(channelId: "webchat"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Post_EmulatorTokenForThisApp_Is200(string version)
    {
        var response = await fixture.Bot.PostAsync(Message(), Keys.EmulatorToken(version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_RejectedToken_NeverReachesTheAssistant()
    {
        var activity = Activities.Message(ServiceUrl, "認証されていない質問", "msteams", DeliveryModesForAuth);

        var response = await fixture.Bot.PostAsync(activity, Keys.ChannelToken(ServiceUrl, key: Keys.Rogue));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(fixture.Bot.Assistant.Asked, a => a.Question == "認証されていない質問");
    }

    [Fact]
    public async Task Post_ValidChannelToken_RepliesCarryTheConnectorToken()
    {
        var serviceUrl = fixture.Channel.ServiceUrl("trusted-1");

        var response = await fixture.Bot.PostAsync(Activities.Message(serviceUrl, "返納金債権とは？"), Keys.ChannelToken(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await fixture.Channel.WaitForAsync(1, r => r.RawTarget.StartsWith("/trusted-1/", StringComparison.Ordinal)));
        Assert.Equal("Bearer " + BotServer.ConnectorToken, reply.Authorization);
    }

    [Fact]
    public async Task Post_EmulatorTokenWithAnInternalHttpServiceUrl_IsBare401AndPostsNothing()
    {
        var serviceUrl = fixture.Channel.ServiceUrl("emulator-1");

        var response = await fixture.Bot.PostAsync(Activities.Message(serviceUrl, "返納金債権とは？", "emulator"), Keys.EmulatorToken());

        await AssertBare401Async(response);
        await Task.Delay(200);
        Assert.DoesNotContain(fixture.Channel.Requests, r => r.RawTarget.StartsWith("/emulator-1/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production", null, HttpStatusCode.Unauthorized)]
    [InlineData("Staging", "false", HttpStatusCode.Unauthorized)]
    [InlineData("Development", null, HttpStatusCode.OK)]
    [InlineData("Production", "true", HttpStatusCode.OK)]
    public async Task Post_EmulatorToken_OnlyInDevelopmentOrWhenAccepted(string environment, string? accept, HttpStatusCode expected)
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "not-used-in-tests",
            ["OpenIdMetadataUrl"] = fixture.Channel.ChannelMetadataUrl,
            ["EmulatorOpenIdMetadataUrl"] = fixture.Channel.AadMetadataUrl,
            ["KenpoBot:AcceptEmulatorTokens"] = accept,
        }, environment: environment);

        var response = await bot.PostAsync(Message(), Keys.EmulatorToken());

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
            Assert.Contains(bot.Logs.Entries, e => e.Message == "Refused a request for channel msteams: UntrustedIssuer");
    }

    [Fact]
    public async Task Post_TokenForAnotherServiceUrl_SendsNothingToEither()
    {
        var claimed = fixture.Channel.ServiceUrl("claimed-2");
        var other = fixture.Channel.ServiceUrl("other-2");

        var response = await fixture.Bot.PostAsync(Activities.Message(other, "返納金債権とは？"), Keys.ChannelToken(claimed));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(200);
        Assert.DoesNotContain(fixture.Channel.Requests, r => r.RawTarget.Contains("-2/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_MetadataUnreachable_Is401NotServerError()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppPassword"] = "secret",
            ["OpenIdMetadataUrl"] = "http://127.0.0.1:9/.well-known/openidconfiguration",
            ["EmulatorOpenIdMetadataUrl"] = "http://127.0.0.1:9/aad/.well-known/openid-configuration",
        });

        var response = await bot.PostAsync(Message(), Keys.ChannelToken(ServiceUrl));

        await AssertBare401Async(response);
        Assert.Contains(bot.Logs.Entries, e => e.Message == "Refused a request for channel msteams: MetadataUnavailable");
    }

    public static TheoryData<string, int> Headers => new()
    {
        { "lower-case bearer", 200 },
        { "upper-case bearer", 200 },
        { "double space", 200 },
        { "two valid Authorization headers", 401 },
        { "valid and garbage Authorization headers", 401 },
        { "200 KB token", 431 },
        { "JWE", 401 },
        { "token with a trailing dot", 401 },
        { "three parts", 401 },
        { "scheme only", 401 },
    };

    /// <summary>The hostile suite, authenticated: odd Authorization headers are refused (or, as RFC 7235 allows, accepted), never a 5xx.</summary>
    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Post_HostileAuthorizationHeader_IsRefusedNever5xx(string kind, int expected)
    {
        var token = Keys.ChannelToken(ServiceUrl);
        string[] headers = kind switch
        {
            "lower-case bearer" => ["bearer " + token],
            "upper-case bearer" => ["BEARER " + token],
            "double space" => ["Bearer  " + token],
            "two valid Authorization headers" => ["Bearer " + token, "Bearer " + token],
            "valid and garbage Authorization headers" => ["Bearer " + token, "Bearer x"],
            "200 KB token" => ["Bearer " + new string('a', 200 * 1024)],
            "JWE" => ["Bearer " + Keys.EncryptedToken(ServiceUrl)],
            "token with a trailing dot" => ["Bearer " + token + "."],
            "three parts" => ["Bearer " + token + " extra"],
            "scheme only" => ["Bearer"],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await PostWithHeadersAsync(Message(), headers);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 401) await AssertBare401Async(response);
    }

    [Theory]
    [InlineData("{0}/", HttpStatusCode.OK)]
    [InlineData("{0}//", HttpStatusCode.OK)]
    [InlineData("UPPER", HttpStatusCode.OK)]
    [InlineData("{0}/v3", HttpStatusCode.Unauthorized)]
    [InlineData("{0}-evil", HttpStatusCode.Unauthorized)]
    [InlineData("https", HttpStatusCode.Unauthorized)]
    [InlineData("other-port", HttpStatusCode.Unauthorized)]
    [InlineData("{0}?x=1", HttpStatusCode.Unauthorized)]
    public async Task Post_ServiceUrlClaimVariant_OnlyCaseAndTrailingSlashMayDiffer(string variant, HttpStatusCode expected)
    {
        var uri = new Uri(ServiceUrl);
        var claim = variant switch
        {
            "UPPER" => ServiceUrl.ToUpperInvariant(),
            "https" => "https" + ServiceUrl[4..],
            "other-port" => $"http://127.0.0.1:{uri.Port + 1}{uri.AbsolutePath}",
            _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, variant, ServiceUrl),
        };

        var response = await fixture.Bot.PostAsync(Message(), Keys.ChannelToken(claim));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_TrustedServiceUrlRedirects_TheTokenDoesNotFollow()
    {
        var serviceUrl = fixture.Channel.ServiceUrl("redirect-1");
        fixture.Channel.RedirectNextTo(fixture.Channel.ServiceUrl("stolen-1") + "/v3/conversations/x/activities");

        var response = await fixture.Bot.PostAsync(Activities.Message(serviceUrl, "返納金債権とは？"), Keys.ChannelToken(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = (await fixture.Channel.WaitForAsync(1, r => r.RawTarget.StartsWith("/redirect-1/", StringComparison.Ordinal)))[0];
        Assert.Equal("Bearer " + BotServer.ConnectorToken, first.Authorization);
        await Task.Delay(500);
        Assert.DoesNotContain(fixture.Channel.Requests, r => r.RawTarget.StartsWith("/stolen-1/", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostWithHeaderAsync(JsonObject activity, string? authorization) =>
        PostWithHeadersAsync(activity, authorization is null ? [] : [authorization]);

    private Task<HttpResponseMessage> PostWithHeadersAsync(JsonObject activity, string[] authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, fixture.Bot.MessagesUrl)
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var value in authorization) request.Headers.TryAddWithoutValidation("Authorization", value);
        return fixture.Bot.Client.SendAsync(request);
    }

    private static string Bearer(string token) => "Bearer " + token;
}
