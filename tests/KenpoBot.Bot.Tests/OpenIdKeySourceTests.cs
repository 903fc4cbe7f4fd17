using KenpoBot.Bot.Auth;
using KenpoBot.Bot.Tests.Support;

namespace KenpoBot.Bot.Tests;

public sealed class OpenIdKeySourceTests : IAsyncLifetime
{
    private readonly TestKeys _keys = new();
    private readonly ManualTime _time = new();
    private readonly HttpClient _http = new();
    private FakeChannel _channel = null!;
    private OpenIdKeySource _source = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannel.StartAsync(_keys);
        _source = new OpenIdKeySource(_channel.ChannelMetadataUrl, _http, _time);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_CachesUntilTheRefreshInterval()
    {
        await _source.GetAsync(CancellationToken.None);
        _time.Advance(OpenIdKeySource.RefreshInterval - TimeSpan.FromSeconds(1));
        await _source.GetAsync(CancellationToken.None);
        Assert.Equal(1, _channel.ChannelKeyDownloads);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _source.GetAsync(CancellationToken.None);

        Assert.Equal(2, _channel.ChannelKeyDownloads);
    }

    [Fact]
    public async Task RefreshAsync_ReturnsTheRotatedKey()
    {
        await _source.GetAsync(CancellationToken.None);
        var rotated = _keys.Rotate();

        var configuration = await _source.RefreshAsync(CancellationToken.None);

        Assert.Contains(configuration.SigningKeys, k => k.KeyId == rotated.KeyId);
    }

    [Fact]
    public async Task RefreshAsync_AtMostOncePerMinimumInterval()
    {
        await _source.GetAsync(CancellationToken.None);
        await _source.RefreshAsync(CancellationToken.None);
        _time.Advance(OpenIdKeySource.MinimumRefreshInterval - TimeSpan.FromSeconds(1));
        await _source.RefreshAsync(CancellationToken.None);
        Assert.Equal(2, _channel.ChannelKeyDownloads);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _source.RefreshAsync(CancellationToken.None);

        Assert.Equal(3, _channel.ChannelKeyDownloads);
    }

    [Fact]
    public async Task GetAsync_DownloadFailsAfterASuccess_KeepsTheKeysItHas()
    {
        var first = await _source.GetAsync(CancellationToken.None);
        await _channel.DisposeAsync();
        _channel = await FakeChannel.StartAsync(_keys);
        _time.Advance(OpenIdKeySource.RefreshInterval);

        var again = await _source.GetAsync(CancellationToken.None);

        Assert.Same(first, again);
    }
}
