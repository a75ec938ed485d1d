using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// A JSON answer with a strong ETag (a hash of its bytes) and Cache-Control: a shop that sends If-None-Match gets
/// 304 Not Modified without the body until the rules, the catalogue or the engine change what it would get.
/// "private": the answer is not secret, but a shared cache would serve it past the key check and the rate limit.
/// </summary>
public sealed class ShopCaching<T>(T value, TimeSpan maxAge) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public int? StatusCode => StatusCodes.Status200OK;
    public T Value => value;
    object? IValueHttpResult.Value => value;

    public async Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12))}\"";
        var response = http.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = $"private, max-age={(int)maxAge.TotalSeconds}";
        response.Headers.Vary = new([HeaderNames.AcceptLanguage, "X-Api-Key"]);
        if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var given)
            && given.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: true)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }
}

public static class ShopCaching
{
    /// <summary>How long a shop may reuse an answer without asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static ShopCaching<T> Ok<T>(T value) => new(value, MaxAge);
}
