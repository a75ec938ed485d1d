using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using CrossSellCrm.Web.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Users;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in form: at most SignIn:PostsPerAddress posts per client address
/// and SignIn:PostsWindow, for all accounts together; beyond that a short page in the user's language (429).
/// The sign-in page opts in with [EnableRateLimiting(Policy)]; reading the page is not limited.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.AddPolicy(Policy, http =>
        {
            if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("");
            var limits = http.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PostsPerAddress, Window = limits.PostsWindow, QueueLimit = 0,
            });
        });
        options.OnRejected = RefuseAsync;
    });

    private static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit).FullName!)
            .LogWarning("Sign-in posts from {Address} refused for {Seconds} s: rate limit reached", ClientAddress.Of(http), seconds);

        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
        var html = HtmlEncoder.Default;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>{html.Encode(text["SignIn_TooManyTitle"])} – CrossSellCrm</title></head>
            <body style="font-family: Roboto, Arial, sans-serif; max-width: 36rem; margin: 10vh auto; padding: 0 1rem;">
            <h1 style="font-size: 1.4rem;">{html.Encode(text["SignIn_TooManyTitle"])}</h1>
            <p>{html.Encode(text["SignIn_TooManyText", seconds])}</p>
            <p><a href="/Account/Login">{html.Encode(text["Login_Title"])}</a></p>
            </body>
            </html>
            """, ct);
    }
}
