using System.Security.Cryptography;
using System.Text;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Mining;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Web.Api;

/// <summary>The query of GET /api/products/{sku}/also-bought.</summary>
public sealed record AlsoBoughtQuery(string Sku, int Take);

public sealed class AlsoBoughtQueryValidator : AbstractValidator<AlsoBoughtQuery>
{
    public AlsoBoughtQueryValidator()
    {
        RuleFor(q => q.Sku).NotEmpty().MaximumLength(40);
        RuleFor(q => q.Take).InclusiveBetween(1, 20).WithMessage("take must be between 1 and 20 (was {PropertyValue}).");
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

    public static void MapShopApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AllowAnonymous().AddEndpointFilter(RequireShopKey);
        api.MapGet("/products/{sku}/also-bought", AlsoBoughtAsync);
    }

    private static async Task<IResult> AlsoBoughtAsync(string sku, int? take, IValidator<AlsoBoughtQuery> validator,
        IDbContextFactory<CrmDbContext> factory, RuleBookStore rules, CancellationToken ct)
    {
        var query = new AlsoBoughtQuery(sku, take ?? 5);
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());

        await using var db = await factory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Sku == sku, ct);
        if (product is null) return TypedResults.Problem($"No product with SKU '{sku}'.", statusCode: StatusCodes.Status404NotFound);

        var book = rules.Current;
        var found = book.AlsoBought(product.Id, query.Take);
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
