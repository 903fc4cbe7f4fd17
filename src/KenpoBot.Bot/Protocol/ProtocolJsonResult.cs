using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace KenpoBot.Bot.Protocol;

/// <summary>
/// A response body in the protocol's JSON, as <c>TypedResults.Json</c> with <see cref="ProtocolJson.Options"/> sends it (same
/// content type and bytes), serialized whole and then copied into the response with its length (<see cref="ProtocolJson.Serialize(object, ProtocolJson.Utf8Reader)"/>).
/// </summary>
public sealed class ProtocolJsonResult(object value, int statusCode) : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public int? StatusCode => statusCode;

    public object Value => value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        ProtocolJson.Serialize(value, utf8 =>
        {
            response.ContentLength = utf8.Length;
            response.BodyWriter.Write(utf8);
        });
        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }
}
