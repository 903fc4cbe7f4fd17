using System.Text.Json.Nodes;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Tests;

public sealed class ConversationKeyTests
{
    private static Activity Incoming(string channel = "msteams", string? channelDataTenant = "t-1", string? conversationTenant = "t-1", string conversation = "a:1") => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channel,
        Conversation = new ConversationAccount { Id = conversation, TenantId = conversationTenant },
        ChannelData = channelDataTenant is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelDataTenant } },
    };

    [Fact]
    public void Of_NamesChannelTenantAndConversation()
    {
        Assert.Equal("msteams/t-1/a%3A1", ConversationKey.Of(Incoming()));
    }

    [Fact]
    public void Of_SameConversationIdInAnotherTenantOrChannel_IsAnotherKey()
    {
        var keys = new[]
        {
            ConversationKey.Of(Incoming()),
            ConversationKey.Of(Incoming(channelDataTenant: "t-2", conversationTenant: "t-2")),
            ConversationKey.Of(Incoming(channel: "webchat")),
            ConversationKey.Of(Incoming(channelDataTenant: null, conversationTenant: null)),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Of_PartsCannotForgeTheSeparator()
    {
        var forged = ConversationKey.Of(Incoming(channel: "msteams/t-1", channelDataTenant: null, conversationTenant: null, conversation: "a:1"));

        Assert.NotEqual(ConversationKey.Of(Incoming()), forged);
    }

    [Fact]
    public void Of_TenantCase_DoesNotMatter()
    {
        Assert.Equal(ConversationKey.Of(Incoming(channelDataTenant: "ABC", conversationTenant: null)), ConversationKey.Of(Incoming(channelDataTenant: null, conversationTenant: "abc")));
    }
}
