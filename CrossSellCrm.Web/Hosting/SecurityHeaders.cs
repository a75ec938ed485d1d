using System.Security.Cryptography;

namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// Security headers on every response: a Content-Security-Policy, no MIME sniffing, no referrer to other sites,
/// no framing. The policy allows what the app itself needs and nothing else (see the README's security section):
/// <list type="bullet">
/// <item><c>script-src 'self' 'nonce-…'</c>: blazor.web.js, MudBlazor's script, Chart.js and the app's modules all come
/// from the app; the one inline script is the import map .NET writes, which carries this response's nonce.</item>
/// <item><c>style-src 'self' 'unsafe-inline'</c>: MudBlazor sets style attributes and writes its theme as a
/// &lt;style&gt; element at run time, which no nonce or hash can cover.</item>
/// <item><c>img-src 'self' data:</c>: MudBlazor's stylesheet has a small data: image.</item>
/// <item>everything else (the circuit's WebSocket, fonts, fetches) from the app only; no plugins, no foreign
/// &lt;base&gt;, forms post only to the app, and no other site may frame it.</item>
/// </list>
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "CrossSellCrm.CspNonce";

    /// <summary>This response's CSP nonce, for the import map (App.razor).</summary>
    public static string Nonce(HttpContext http) => http.Items[NonceKey] as string ?? "";

    public static string ContentSecurityPolicy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // Hex, not base64: a "+" or "/" would be HTML-encoded in the attribute and no longer read the same as in the header.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        // When the response starts, not now: an error page clears the headers set so far, but runs this.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin"; // addresses name customers and segments: none to other sites
            headers.XFrameOptions = "DENY"; // frame-ancestors for browsers without CSP level 2
            return Task.CompletedTask;
        });
        return next(http);
    });
}
