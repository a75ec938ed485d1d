using CrossSellCrm.Domain.Shop;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// The first step of every /api request, before routing: who is calling (the key ring), and the browser's CORS
/// handshake. A preflight carries no key, so it is answered for every active key's origins together; the request
/// itself is then held to its own key's origins by <see cref="ShopApi"/>'s key check. Refusing is left to that check,
/// so that an unknown route stays a 404 for everyone.
/// </summary>
public static class ShopApiGate
{
    private const string CallerItem = "CrossSellCrm.ShopCaller";
    private const string AllowedHeaders = $"{ShopApi.KeyHeader}, Content-Type, If-None-Match, Accept-Language";

    /// <summary>The caller the gate found for this request; null for no key or a wrong or revoked one.</summary>
    public static ShopCaller? Caller(HttpContext http) => http.Items[CallerItem] as ShopCaller;

    /// <summary>Whether the request comes from a page of another site (a same-origin page sends no Origin, or its own).</summary>
    public static bool IsCrossOrigin(HttpContext http, out string origin)
    {
        origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && ShopOrigins.Normalise(origin) != ShopOrigins.Normalise($"{http.Request.Scheme}://{http.Request.Host}");
    }

    public static IApplicationBuilder UseShopApiGate(this IApplicationBuilder api) => api.Use(async (http, next) =>
    {
        var ring = http.RequestServices.GetRequiredService<ShopKeyRing>();
        var request = http.Request;
        var crossOrigin = IsCrossOrigin(http, out var origin);
        if (HttpMethods.IsOptions(request.Method) && crossOrigin && request.Headers.AccessControlRequestMethod.Count > 0)
        {
            if (await ring.AnyKeyAllowsAsync(origin, http.RequestAborted))
            {
                var headers = http.Response.Headers;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlAllowMethods = "GET, POST";
                headers.AccessControlAllowHeaders = AllowedHeaders;
                headers.AccessControlMaxAge = "600";
            }
            http.Response.Headers.Vary = "Origin";
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var caller = await ring.AuthenticateAsync(request.Headers[ShopApi.KeyHeader].ToString(), http.RequestAborted);
        http.Items[CallerItem] = caller;
        if (crossOrigin && caller is not null && caller.Allows(origin))
            http.Response.OnStarting(() =>
            {
                // When the response starts: the answer may be a problem written after the headers were cleared.
                var headers = http.Response.Headers;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlExposeHeaders = "ETag, Retry-After";
                headers.Append("Vary", "Origin");
                return Task.CompletedTask;
            });
        await next(http);
    });
}
