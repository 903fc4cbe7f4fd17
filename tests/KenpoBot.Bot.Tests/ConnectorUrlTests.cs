using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Tests;

public sealed class ConnectorUrlTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations/conv-1/activities/act-1")]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/conv-1/activities/act-1")]
    [InlineData("https://smba.trafficmanager.net/amer//", "https://smba.trafficmanager.net/amer/v3/conversations/conv-1/activities/act-1")]
    [InlineData("http://localhost:56150/_connector", "http://localhost:56150/_connector/v3/conversations/conv-1/activities/act-1")]
    [InlineData("https://example.org", "https://example.org/v3/conversations/conv-1/activities/act-1")]
    public void ForActivity_JoinsWithExactlyOneSlash(string serviceUrl, string expected)
    {
        var url = ConnectorUrl.ForActivity(serviceUrl, "conv-1", "act-1");

        Assert.Equal(expected, url.AbsoluteUri);
        Assert.DoesNotContain("//v3", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("a:1;messageid=1700000000000", "1700000000001", "/v3/conversations/a%3A1%3Bmessageid%3D1700000000000/activities/1700000000001")]
    [InlineData("19:abc@thread.tacv2;messageid=42", "f:9/x?y", "/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D42/activities/f%3A9%2Fx%3Fy")]
    [InlineData("会話 1#", "返信 2", "/v3/conversations/%E4%BC%9A%E8%A9%B1%201%23/activities/%E8%BF%94%E4%BF%A1%202")]
    [InlineData("../../admin", "...", "/v3/conversations/..%2F..%2Fadmin/activities/...")]
    public void ForActivity_EscapesTheIds(string conversationId, string replyToId, string expectedPath)
    {
        var url = ConnectorUrl.ForActivity("https://smba.trafficmanager.net/amer", conversationId, replyToId);

        Assert.Equal("/amer" + expectedPath, url.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped));
    }

    [Theory]
    [InlineData("..", "act-1")]
    [InlineData(".", "act-1")]
    [InlineData("conv-1", "..")]
    [InlineData("conv-1", ".")]
    public void ForActivity_DotSegmentIds_Throw(string conversationId, string replyToId)
    {
        var ex = Assert.Throws<ArgumentException>(() => ConnectorUrl.ForActivity("https://smba.trafficmanager.net/amer", conversationId, replyToId));

        Assert.Equal("The ids '.' and '..' cannot be URL path segments: System.Uri would remove them.", ex.Message);
    }

    [Fact]
    public void ForActivity_WithoutReplyToId_PostsToTheConversation()
    {
        var url = ConnectorUrl.ForActivity("https://smba.trafficmanager.net/amer/", "conv-1", null);

        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/conv-1/activities", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("smba.trafficmanager.net/amer")]
    [InlineData("ftp://example.org/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:secret@example.org/")]
    [InlineData("https://example.org/amer?x=1")]
    [InlineData("https://example.org/amer#frag")]
    public void ForActivity_BadServiceUrl_Throws(string serviceUrl)
    {
        var ex = Assert.Throws<ArgumentException>(() => ConnectorUrl.ForActivity(serviceUrl, "conv-1", "act-1"));

        Assert.StartsWith("The service URL must be an absolute http(s) URL", ex.Message);
    }
}
