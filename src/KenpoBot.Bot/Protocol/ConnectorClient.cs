using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace KenpoBot.Bot.Protocol;

/// <summary>Sends activities to a conversation through the Bot Connector REST API.</summary>
public interface IConnectorClient
{
    /// <summary>Posts <paramref name="activity"/> to its service URL and conversation, as a reply when it has a replyToId.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>
/// The HTTP implementation. Retries and the connector token are handlers of its <see cref="HttpClient"/>
/// (see <see cref="BotServiceCollectionExtensions"/>), so this class only builds and posts the request.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, ILogger<ConnectorClient> logger) : IConnectorClient
{
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ServiceUrl is null || activity.Conversation?.Id is null)
            throw new ArgumentException("The activity needs a serviceUrl and a conversation id.", nameof(activity));

        var url = ConnectorUrl.ForActivity(activity.ServiceUrl, activity.Conversation.Id, activity.ReplyToId);
        using var content = JsonContent.Create(activity, options: ProtocolJson.Options);
        using var response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LogSendFailed(logger, activity.Type, (int)response.StatusCode, url.GetLeftPart(UriPartial.Authority));
            throw new HttpRequestException($"The connector answered {(int)response.StatusCode} to a '{activity.Type}' activity.", null, response.StatusCode);
        }

        return await ReadResourceAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ResourceResponse> ReadResourceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ResourceResponse>(ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
            return body ?? new ResourceResponse(null);
        }
        catch (JsonException)
        {
            // 202 Accepted for typing has no body; the id is informational only.
            return new ResourceResponse(null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector rejected a {ActivityType} activity with {StatusCode} at {ServiceHost}")]
    private static partial void LogSendFailed(ILogger logger, string? activityType, int statusCode, string serviceHost);
}
