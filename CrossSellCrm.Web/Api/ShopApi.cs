using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Mining;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// The query of GET /api/products/{sku}/also-bought. <see cref="Take"/> is the text as sent, so that "take=abc"
/// is a validation message naming the field rather than a failed parameter binding.
/// </summary>
public sealed record AlsoBoughtQuery(string Sku, string? Take)
{
    public const int DefaultCount = 5;

    /// <summary>How many products to list; read once the validator has passed.</summary>
    public int Count => Take is not null && ParseCount(Take) is { } count ? count : DefaultCount;

    public static int? ParseCount(string take) =>
        int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
}

public sealed class AlsoBoughtQueryValidator : AbstractValidator<AlsoBoughtQuery>
{
    public AlsoBoughtQueryValidator()
    {
        RuleFor(q => q.Sku).NotEmpty().MaximumLength(40);
        RuleFor(q => q.Take).Must(t => t is null || AlsoBoughtQuery.ParseCount(t) is >= 1 and <= 20)
            .WithMessage("take must be between 1 and 20 (was {PropertyValue}).");
    }
}

public sealed record AlsoBoughtItem(string Sku, string Name, decimal Price, double Confidence, double Lift, int Count);

public sealed record AlsoBoughtResponse(string Sku, string Name, DateTime? RulesMinedAt, IReadOnlyList<AlsoBoughtItem> Items);

/// <summary>
/// The shop's API: "customers who bought this also bought", from the mined rules. A shop is no person
/// who signs in: it sends one of the keys in Api:ShopKeys as the X-Api-Key header.
/// </summary>
public static class ShopApi
{
    public const string KeyHeader = "X-Api-Key";

    private static readonly PathString Root = "/api";

    /// <summary>A request for the API (no person signs in there: the shop's key is checked instead).</summary>
    public static bool Owns(HttpContext http) => http.Request.Path.StartsWithSegments(Root);

    public static void MapShopApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Root).AllowAnonymous().AddEndpointFilter(RequireShopKey);
        api.MapGet("/products/{sku}/also-bought", AlsoBoughtAsync);
    }

    /// <summary>
    /// Every error under /api is an RFC 7807 problem (application/problem+json) — an unknown route, a wrong
    /// method, a request the server cannot read, an unhandled exception — never an HTML page, a stack trace or an
    /// empty body. The exception itself is logged by the handler, not sent.
    /// </summary>
    public static IApplicationBuilder UseShopApiProblems(this IApplicationBuilder api) => api
        .UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = http =>
            {
                var status = http.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
                var detail = status == StatusCodes.Status500InternalServerError ? "The request failed on the server. The error has been logged." : null;
                return TypedResults.Problem(detail, statusCode: status).ExecuteAsync(http);
            },
        })
        .UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var detail = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"There is no API endpoint at {http.Request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not answer {http.Request.Method}.",
                _ => null,
            };
            return TypedResults.Problem(detail, statusCode: http.Response.StatusCode).ExecuteAsync(http);
        });

    private static async Task<IResult> AlsoBoughtAsync(string sku, string? take, IValidator<AlsoBoughtQuery> validator,
        IDbContextFactory<CrmDbContext> factory, RuleBookStore rules, CancellationToken ct)
    {
        var query = new AlsoBoughtQuery(sku, take);
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());

        await using var db = await factory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Sku == sku, ct);
        if (product is null) return TypedResults.Problem($"No product with SKU '{sku}'.", statusCode: StatusCodes.Status404NotFound);

        var book = rules.Current;
        var found = book.AlsoBought(product.Id, query.Count);
        var ids = found.Select(r => r.Consequent).ToList();
        var others = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsActive).ToDictionaryAsync(p => p.Id, ct);
        var items = found.Where(r => others.ContainsKey(r.Consequent))
            .Select(r => new AlsoBoughtItem(others[r.Consequent].Sku, others[r.Consequent].Name, others[r.Consequent].Price, r.Confidence, r.Lift, r.Count))
            .ToList();
        return TypedResults.Ok(new AlsoBoughtResponse(product.Sku, product.Name, book == RuleBook.Empty ? null : book.MinedAt, items));
    }

    private static async ValueTask<object?> RequireShopKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keys = http.RequestServices.GetRequiredService<IConfiguration>().GetSection("Api:ShopKeys").Get<string[]>() ?? [];
        var given = http.Request.Headers[KeyHeader].ToString();
        // Fixed-time comparison: a key is a secret.
        var valid = given.Length > 0 && keys.Any(k => k.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), Encoding.UTF8.GetBytes(given)));
        return valid
            ? await next(context)
            : TypedResults.Problem($"Send a valid shop key in the {KeyHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
    }
}
