using KenpoBot.Bot.Auth;
using KenpoBot.Bot.Tests.Support;

namespace KenpoBot.Bot.Tests;

public sealed class TrustedServiceUrlsTests
{
    private readonly TrustedServiceUrls _trusted = new(TimeProvider.System);

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/v3/conversations/x/activities/y", true)]
    [InlineData("https://SMBA.trafficmanager.net/AMER/v3/conversations/x", true)]
    [InlineData("https://smba.trafficmanager.net/amer", true)]
    [InlineData("https://smba.trafficmanager.net/amer-evil/v3/conversations/x", false)]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/x", false)]
    [InlineData("https://smba.trafficmanager.net/amer/../emea/v3/conversations/x", false)]
    [InlineData("http://smba.trafficmanager.net/amer/v3/conversations/x", false)]
    [InlineData("https://smba.trafficmanager.net:8443/amer/v3/conversations/x", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/amer/v3/conversations/x", false)]
    [InlineData("https://user@smba.trafficmanager.net/amer/v3/conversations/x", false)]
    public void IsTrusted_OnlyUnderATrustedServiceUrl(string url, bool expected)
    {
        _trusted.Trust("https://smba.trafficmanager.net/amer/");

        Assert.Equal(expected, _trusted.IsTrusted(new Uri(url)));
    }

    [Fact]
    public void IsTrusted_NothingTrusted_IsFalse()
    {
        Assert.False(_trusted.IsTrusted(new Uri("https://smba.trafficmanager.net/amer/v3/conversations/x")));
        Assert.False(_trusted.IsTrusted(null));
    }

    [Fact]
    public void Trust_InvalidUrl_IsIgnored()
    {
        _trusted.Trust("not a url");
        _trusted.Trust("https://smba.trafficmanager.net/amer?x=1");

        Assert.False(_trusted.IsTrusted(new Uri("https://smba.trafficmanager.net/amer/v3")));
    }

    [Fact]
    public void Trust_PastCapacity_EvictsTheLeastRecentlyVouchedFor()
    {
        var time = new ManualTime();
        var trusted = new TrustedServiceUrls(time, capacity: 3);
        foreach (var region in new[] { "amer", "emea", "apac" })
        {
            trusted.Trust($"https://smba.trafficmanager.net/{region}/");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        trusted.Trust("https://smba.trafficmanager.net/amer/");
        time.Advance(TimeSpan.FromSeconds(1));
        trusted.Trust("https://smba.trafficmanager.net/jpn/");

        Assert.True(trusted.IsTrusted(new Uri("https://smba.trafficmanager.net/amer/v3/conversations/x")));
        Assert.False(trusted.IsTrusted(new Uri("https://smba.trafficmanager.net/emea/v3/conversations/x")));
        Assert.True(trusted.IsTrusted(new Uri("https://smba.trafficmanager.net/apac/v3/conversations/x")));
        Assert.True(trusted.IsTrusted(new Uri("https://smba.trafficmanager.net/jpn/v3/conversations/x")));
    }
}
