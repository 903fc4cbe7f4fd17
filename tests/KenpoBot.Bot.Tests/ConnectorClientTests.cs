using System.Net;
using KenpoBot.Bot.Auth;
using KenpoBot.Bot.Protocol;
using KenpoBot.Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Tests;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task SendAsync_TransientFailures_AreRetriedWithBackoff(int status)
    {
        using var services = Services();
        var client = services.GetRequiredService<IConnectorClient>();
        _channel.RespondWith(status, status);

        var response = await client.SendAsync(Reply(_channel.ServiceUrl()), CancellationToken.None);

        Assert.NotNull(response.Id);
        var requests = _channel.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("/amer/v3/conversations/a%3A1%3Bmessageid%3D1/activities/act-1", r.RawTarget));
    }

    [Fact]
    public async Task SendAsync_429Then503ThenSuccess_SendsThreeTimes()
    {
        using var services = Services();
        var client = services.GetRequiredService<IConnectorClient>();
        _channel.RespondWith(429, 503);

        await client.SendAsync(Reply(_channel.ServiceUrl()), CancellationToken.None);

        Assert.Equal(3, _channel.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_FailureOutlastingTheRetries_ThrowsWithTheStatus()
    {
        using var services = Services(retries: 2);
        var client = services.GetRequiredService<IConnectorClient>();
        _channel.RespondWith(503, 503, 503, 503);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Reply(_channel.ServiceUrl()), CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("The connector answered 503 to a 'message' activity.", ex.Message);
        Assert.Equal(3, _channel.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_400_IsNotRetried()
    {
        using var services = Services();
        var client = services.GetRequiredService<IConnectorClient>();
        _channel.RespondWith(400);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Reply(_channel.ServiceUrl()), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Single(_channel.Requests);
    }

    [Fact]
    public async Task SendAsync_Typing_PostsATypingActivity()
    {
        using var services = Services();
        var client = services.GetRequiredService<IConnectorClient>();
        var incoming = new Activity
        {
            Id = "act-1", Type = ActivityTypes.Message, ServiceUrl = _channel.ServiceUrl(), ChannelId = "msteams",
            Conversation = new ConversationAccount { Id = "a:1;messageid=1" },
            From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" },
        };

        await client.SendAsync(incoming.CreateTyping(), CancellationToken.None);

        var request = Assert.Single(_channel.Requests);
        Assert.Equal("typing", (string?)request.Body!["type"]);
        Assert.Equal("bot", (string?)request.Body["from"]!["id"]);
        Assert.Equal("user", (string?)request.Body["recipient"]!["id"]);
        Assert.Equal("act-1", (string?)request.Body["replyToId"]);
    }

    [Fact]
    public async Task SendAsync_Unauthenticated_SendsNoToken()
    {
        using var services = Services();
        var client = services.GetRequiredService<IConnectorClient>();
        services.GetRequiredService<TrustedServiceUrls>().Trust(_channel.ServiceUrl());

        await client.SendAsync(Reply(_channel.ServiceUrl()), CancellationToken.None);

        Assert.Null(Assert.Single(_channel.Requests).Authorization);
    }

    [Fact]
    public async Task SendAsync_Authenticated_SendsTheTokenOnlyToTrustedServiceUrls()
    {
        using var services = Services(authenticated: true);
        var client = services.GetRequiredService<IConnectorClient>();
        services.GetRequiredService<TrustedServiceUrls>().Trust(_channel.ServiceUrl("amer"));
        _channel.RespondWith(503);

        await client.SendAsync(Reply(_channel.ServiceUrl("amer")), CancellationToken.None);
        await client.SendAsync(Reply(_channel.ServiceUrl("emea")), CancellationToken.None);
        await client.SendAsync(Reply(_channel.ServiceUrl("amer-evil")), CancellationToken.None);

        var requests = _channel.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests.Where(r => r.RawTarget.StartsWith("/amer/", StringComparison.Ordinal)), r => Assert.Equal("Bearer " + BotServer.ConnectorToken, r.Authorization));
        Assert.Equal(2, requests.Count(r => r.RawTarget.StartsWith("/amer/", StringComparison.Ordinal)));
        Assert.All(requests.Where(r => !r.RawTarget.StartsWith("/amer/", StringComparison.Ordinal)), r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task SendAsync_ManyServiceHosts_KeepABoundedNumberOfPipelines()
    {
        var keys = new ConnectorPipelineKeys(capacity: 2);
        using var services = Services(retries: 0, pipelineKeys: keys);
        var client = services.GetRequiredService<IConnectorClient>();
        var port = new Uri(_channel.BaseUrl).Port;

        await client.SendAsync(Reply(_channel.ServiceUrl()), CancellationToken.None);
        foreach (var unreachable in new[] { "http://127.0.0.1:1/amer", "http://127.0.0.1:2/amer", "http://127.0.0.1:3/amer" })
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.SendAsync(Reply(unreachable), CancellationToken.None));
        await client.SendAsync(Reply(_channel.ServiceUrl("emea")), CancellationToken.None);

        Assert.Equal(2, keys.Count);
        Assert.Equal($"http://127.0.0.1:{port}", keys.For(new Uri(_channel.ServiceUrl("apac"))));
        Assert.Equal(ConnectorPipelineKeys.Shared, keys.For(new Uri("http://127.0.0.1:3/amer")));
        Assert.Equal(2, _channel.Requests.Count);
    }

    private static Activity Reply(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = "a:1;messageid=1" },
        ReplyToId = "act-1",
        Text = "テスト",
    };

    private static ServiceProvider Services(int retries = 3, bool authenticated = false, ConnectorPipelineKeys? pipelineKeys = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["KenpoBot:ConnectorRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["KenpoBot:ConnectorRetryDelay"] = "00:00:00.005",
        };
        if (authenticated)
        {
            settings["MicrosoftAppId"] = TestKeys.AppId;
            settings["MicrosoftAppPassword"] = "secret";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime, NoLifetime>();
        if (pipelineKeys is not null) services.AddSingleton(pipelineKeys);
        services.AddKenpoBotFrontEnd(configuration);
        services.AddSingleton<IConnectorTokenProvider>(new FixedToken());
        return services.BuildServiceProvider();
    }

    private sealed class FixedToken : IConnectorTokenProvider
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(BotServer.ConnectorToken);
    }

    private sealed class NoLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication()
        {
        }
    }
}
