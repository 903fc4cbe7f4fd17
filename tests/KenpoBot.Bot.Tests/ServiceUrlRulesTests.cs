using KenpoBot.Bot.Auth;

namespace KenpoBot.Bot.Tests;

public sealed class ServiceUrlRulesTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://emulator.contoso.com:8443/", true)]
    [InlineData("https://SMBA.TrafficManager.NET/amer", true)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://localhost/", false)]
    [InlineData("https://api.localhost/", false)]
    [InlineData("https://127.0.0.1/", false)]
    [InlineData("https://10.0.0.5/", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    [InlineData("https://[::1]/", false)]
    [InlineData("https://[fd00::1]/", false)]
    [InlineData("https://intranet/", false)]
    [InlineData("https://printer.local/", false)]
    [InlineData("https://db.internal/", false)]
    [InlineData("https://router.home.arpa/", false)]
    [InlineData("https://2130706433.0/", false)]
    public void IsPublicHttps_OnlyHttpsOnAPublicName(string url, bool expected)
    {
        Assert.Equal(expected, ServiceUrlRules.IsPublicHttps(new Uri(url)));
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("HTTP://LOCALHOST:56150/other/path/", true)]
    [InlineData("http://localhost:56151/_connector", false)]
    [InlineData("https://localhost:56150/_connector", false)]
    [InlineData("http://127.0.0.1:56150/_connector", false)]
    [InlineData("http://localhost/_connector", false)]
    public void SameOrigin_SchemeHostAndPort(string url, bool expected)
    {
        Assert.Equal(expected, ServiceUrlRules.SameOrigin(new Uri("http://localhost:56150"), new Uri(url)));
    }
}
