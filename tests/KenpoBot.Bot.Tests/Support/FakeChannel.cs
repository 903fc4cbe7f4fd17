using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Tests.Support;

/// <summary>One request the fake connector received.</summary>
public sealed record ConnectorRequest(string Method, string RawTarget, string? Authorization, JsonObject? Body)
{
    /// <summary>The id the fake connector answered with (201 responses only).</summary>
    public string? ResponseId { get; init; }
}

/// <summary>
/// A real loopback HTTP server standing in for the Bot Connector (<c>{prefix}/v3/conversations/…</c>) and for the two
/// OpenID metadata documents (channel keys with endorsements under <c>/openid</c>, Azure AD keys under <c>/aad</c>).
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly Func<string> _channelKeys;
    private readonly Func<string> _aadKeys;

    private FakeChannel(WebApplication app, Func<string> channelKeys, Func<string> aadKeys)
    {
        _app = app;
        _channelKeys = channelKeys;
        _aadKeys = aadKeys;
    }

    public ConcurrentQueue<ConnectorRequest> Requests { get; } = new();

    private int _channelKeyDownloads;

    /// <summary>How many times the channel JWKS was downloaded.</summary>
    public int ChannelKeyDownloads => Volatile.Read(ref _channelKeyDownloads);

    public string BaseUrl { get; private set; } = "";

    /// <summary>A service URL on this server, e.g. http://127.0.0.1:1234/amer (no trailing slash).</summary>
    public string ServiceUrl(string prefix = "amer") => $"{BaseUrl}/{prefix}";

    public string ChannelMetadataUrl => $"{BaseUrl}/openid/.well-known/openidconfiguration";

    public string AadMetadataUrl => $"{BaseUrl}/aad/.well-known/openid-configuration";

    private readonly ConcurrentQueue<string> _redirects = new();

    /// <summary>Answers the next connector request with a 307 to <paramref name="location"/>.</summary>
    public void RedirectNextTo(string location) => _redirects.Enqueue(location);

    /// <summary>Answers the next connector requests with these statuses, then 201 again.</summary>
    public void RespondWith(params int[] statuses)
    {
        foreach (var s in statuses) _statuses.Enqueue(s);
    }

    public static async Task<FakeChannel> StartAsync(TestKeys? keys = null)
    {
        keys ??= TestKeys.Shared;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new FakeChannel(app, keys.ChannelJwks, keys.AadJwks);

        app.MapGet("/openid/.well-known/openidconfiguration", () => Results.Text(Metadata(channel.BaseUrl + "/openid/keys", "https://api.botframework.com"), "application/json"));
        app.MapGet("/openid/keys", () =>
        {
            Interlocked.Increment(ref channel._channelKeyDownloads);
            return Results.Text(channel._channelKeys(), "application/json");
        });
        app.MapGet("/aad/.well-known/openid-configuration", () => Results.Text(Metadata(channel.BaseUrl + "/aad/keys", "https://login.microsoftonline.com/{tenantid}/v2.0"), "application/json"));
        app.MapGet("/aad/keys", () => Results.Text(channel._aadKeys(), "application/json"));
        app.MapFallback(channel.ConnectorAsync);

        await app.StartAsync();
        channel.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return channel;
    }

    /// <summary>Waits until at least <paramref name="count"/> connector requests arrived.</summary>
    public async Task<IReadOnlyList<ConnectorRequest>> WaitForAsync(int count, Func<ConnectorRequest, bool>? where = null, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var matching = Requests.Where(where ?? (_ => true)).ToList();
            if (matching.Count >= count) return matching;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Expected {count} connector requests, got {matching.Count}: {string.Join(", ", Requests.Select(r => r.RawTarget))}");
            await Task.Delay(20);
        }
    }

    /// <summary>The message activities received (typing left out).</summary>
    public IReadOnlyList<JsonObject> Messages => [.. Requests.Select(r => r.Body).OfType<JsonObject>().Where(b => (string?)b["type"] == "message")];

    private async Task ConnectorAsync(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        JsonObject? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body);
        }
        catch (JsonException)
        {
        }

        var request = new ConnectorRequest(http.Request.Method, raw, http.Request.Headers.Authorization.FirstOrDefault(), body);
        if (!raw.Contains("/v3/conversations/", StringComparison.Ordinal) || raw.Contains("//v3", StringComparison.Ordinal))
        {
            Requests.Enqueue(request);
            http.Response.StatusCode = 404;
            return;
        }

        if (_redirects.TryDequeue(out var location))
        {
            Requests.Enqueue(request);
            http.Response.StatusCode = 307;
            http.Response.Headers.Location = location;
            return;
        }

        http.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 201;
        var id = http.Response.StatusCode == 201 ? Guid.NewGuid().ToString("N") : null;
        Requests.Enqueue(request with { ResponseId = id });
        if (id is not null) await http.Response.WriteAsJsonAsync(new { id });
    }

    private static string Metadata(string jwksUri, string issuer) => new JsonObject
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.example/authorize",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
