using System.Globalization;
using System.Threading.RateLimiting;
using CrossSellCrm.Web.Users;
using Microsoft.AspNetCore.RateLimiting;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// ASP.NET Core's rate limiter on the shop API: each key gets its own minute window of its requests per minute (set
/// on the key); requests without a valid key share a small window per client address, which slows anyone guessing
/// keys. Beyond the limit: 429 as a problem, with Retry-After.
/// </summary>
public static class ShopRateLimit
{
    public const string Policy = "shop";
    /// <summary>Requests a minute per client address without a valid key (Api:UnknownCallerRequestsPerMinute).</summary>
    public const int UnknownCallerDefault = 120;

    public static IServiceCollection AddShopRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(options => options.AddPolicy(Policy, http =>
        {
            var window = TimeSpan.FromMinutes(1);
            if (ShopApiGate.Caller(http) is { } caller)
                return RateLimitPartition.GetFixedWindowLimiter(caller.Partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = caller.RequestsPerMinute, Window = window, QueueLimit = 0,
                });
            var limit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Api:UnknownCallerRequestsPerMinute", UnknownCallerDefault);
            return RateLimitPartition.GetFixedWindowLimiter($"unknown/{ClientAddress.Of(http)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit, Window = window, QueueLimit = 0,
            });
        }));
        // The limiter has one refusal for all policies: the sign-in page's stays for pages, the API answers a problem.
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            var pages = options.OnRejected;
            options.OnRejected = (context, ct) =>
                ShopApi.Owns(context.HttpContext) ? RefuseAsync(context) : pages?.Invoke(context, ct) ?? ValueTask.CompletedTask;
        });
        return services;
    }

    private static async ValueTask RefuseAsync(OnRejectedContext context)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var who = ShopApiGate.Caller(http) is { } caller ? $"This key's limit of {caller.RequestsPerMinute} requests a minute" : "The limit for requests without a valid key";
        await TypedResults.Problem($"{who} is reached; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}
