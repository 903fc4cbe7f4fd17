using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Auth;

/// <summary>
/// The innermost handler of the connector client: it attaches the connector token only to a trusted service URL, so every
/// retry gets a current token and nothing else ever sees one. In unauthenticated mode no token is sent at all.
/// </summary>
public sealed partial class ConnectorAuthenticationHandler(
    IOptions<BotAuthenticationOptions> options,
    IConnectorTokenProvider tokens,
    TrustedServiceUrls trusted,
    ILogger<ConnectorAuthenticationHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = null;
        if (options.Value.IsAuthenticationEnabled)
        {
            if (trusted.IsTrusted(request.RequestUri))
            {
                var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            else
            {
                LogUntrusted(logger, request.RequestUri?.GetLeftPart(UriPartial.Authority));
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to {ServiceHost} without the connector token: the service URL was not vouched for by a channel token")]
    private static partial void LogUntrusted(ILogger logger, string? serviceHost);
}
