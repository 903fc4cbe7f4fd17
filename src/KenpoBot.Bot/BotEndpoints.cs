using System.Buffers;
using System.Globalization;
using KenpoBot.Bot.Auth;
using KenpoBot.Bot.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KenpoBot.Bot;

/// <summary>The bot's HTTP edge: one POST that parses, authenticates, checks the tenant and hands the activity to <see cref="BotAdapter"/>.</summary>
public static class BotEndpoints
{
    public const string MessagesPath = "/api/messages";

    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/messages", PostActivityAsync).WithName("PostActivity").DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<StatusCodeHttpResult, ProtocolJsonResult, ProblemHttpResult>> PostActivityAsync(
        HttpContext http, IBotAuthenticator authenticator, TenantPolicy tenants, BotAdapter adapter, IOptions<BotFrontEndOptions> options)
    {
        var request = http.Request;
        var aborted = http.RequestAborted;
        if (!IsJson(request.ContentType))
            return Problem(StatusCodes.Status400BadRequest, "Content-Type が正しくありません", "Content-Type は application/json（UTF-8）にしてください。");

        var max = options.Value.MaxRequestBodyBytes;
        var (body, status) = await ReadBodyAsync(http, max, aborted).ConfigureAwait(false);
        if (body is null)
        {
            return status == StatusCodes.Status413PayloadTooLarge
                ? Problem(status, "リクエストが大きすぎます", string.Create(CultureInfo.InvariantCulture, $"リクエスト本文は {max:#,0} バイト以内にしてください。"))
                : Problem(status, "リクエストを読み取れません", "リクエスト本文を最後まで読み取れませんでした。");
        }

        if (!ActivityReader.TryRead(body, out var activity, out var error))
            return Problem(StatusCodes.Status400BadRequest, "アクティビティが正しくありません", error);

        var auth = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), activity, aborted).ConfigureAwait(false);
        if (!auth.Succeeded) return Refuse(http, auth.Failure);
        if (!tenants.Admits(activity)) return Problem(StatusCodes.Status403Forbidden, "許可されていません", "このテナントからの利用は許可されていません。");

        var response = await adapter.ProcessAsync(activity, aborted).ConfigureAwait(false);
        return response.Body is null
            ? TypedResults.StatusCode(response.Status)
            : new ProtocolJsonResult(response.Body, response.Status);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null with the status to answer: 413 past <paramref name="max"/> bytes, 400 when the client stops sending.</summary>
    private static async Task<(byte[]? Body, int Status)> ReadBodyAsync(HttpContext http, int max, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > max) return (null, StatusCodes.Status413PayloadTooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;

        try
        {
            // A declared length is read into an array of exactly that size (Kestrel refuses a body that differs from it; a body
            // that ends early is an EndOfStreamException, an IOException).
            if (http.Request.ContentLength is { } length)
            {
                var body = new byte[length];
                await http.Request.Body.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
                return (body, StatusCodes.Status200OK);
            }

            var buffer = new ArrayBufferWriter<byte>(4 * 1024);
            while (true)
            {
                var memory = buffer.GetMemory(4 * 1024);
                var read = await http.Request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0) return (buffer.WrittenSpan.ToArray(), StatusCodes.Status200OK);
                buffer.Advance(read);
                if (buffer.WrittenCount > max) return (null, StatusCodes.Status413PayloadTooLarge);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ex.StatusCode : StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return (null, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// Every authentication failure is the same bare 401, so a caller learns nothing about which check failed (the
    /// authenticator logs the reason). Only refusals after a valid (or, locally, absent) token say why, as a 403.
    /// </summary>
    private static Results<StatusCodeHttpResult, ProtocolJsonResult, ProblemHttpResult> Refuse(HttpContext http, AuthFailure failure)
    {
        if (ForbiddenDetail(failure) is { } detail) return Problem(StatusCodes.Status403Forbidden, "許可されていません", detail);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);
    }

    private static string? ForbiddenDetail(AuthFailure failure) => failure switch
    {
        AuthFailure.ServiceUrlNotAllowed => "認証なしのモードでは、KenpoBot:UnauthenticatedServiceUrls に登録した serviceUrl にしか返信できません。",
        _ => null,
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
