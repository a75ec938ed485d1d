using System.Text.Json;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Domain.Shop;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// The shop's API: "customers who bought this also bought" from the mined rules, and what goes with a basket from the
/// engine. A shop is no person who signs in: it sends a key an admin made (or one of Api:ShopKeys) as the X-Api-Key
/// header; <see cref="ShopApiGate"/> finds the caller, <see cref="ShopRateLimit"/> holds it to its rate, and the key
/// check here refuses a missing key (401) or a page of an origin the key does not name (403).
/// </summary>
public static class ShopApi
{
    public const string KeyHeader = "X-Api-Key";

    private static readonly PathString Root = "/api";

    /// <summary>A request for the API (no person signs in there: the shop's key is checked instead).</summary>
    public static bool Owns(HttpContext http) => http.Request.Path.StartsWithSegments(Root);

    public static void MapShopApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Root).AllowAnonymous().AddEndpointFilter(RequireShopKey).RequireRateLimiting(ShopRateLimit.Policy)
            .WithTags("Shop").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/products/{sku}/also-bought", AlsoBoughtAsync).WithName("AlsoBought")
            .WithSummary("Customers who bought this also bought")
            .WithDescription("Products bought together with this one, from the rules mined over all orders, most confident first. " +
                "Cached for five minutes; send If-None-Match with the ETag to get 304 while nothing changed.")
            .Produces<AlsoBoughtResponse>().Produces(StatusCodes.Status304NotModified).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/baskets/recommendations", BasketAsync).WithName("BasketRecommendations")
            .WithSummary("Recommended products for a basket")
            .WithDescription("What goes with the products in a cart (or the one on a product page), from the engine's learned purchase " +
                "likelihood: nothing of a kind already in the basket, each with one reason in the language of Accept-Language (en or de). " +
                "SKUs the CRM does not know are listed in unknownSkus and otherwise left out.")
            .Produces<BasketRecommendations>().Produces(StatusCodes.Status304NotModified).ProducesValidationProblem();
        api.MapGet("/customers/{number}/offers", CustomerOffersAsync).WithName("CustomerOffers")
            .WithSummary("Next-best offers for a known customer in the web shop")
            .WithDescription("The engine's offers for a customer number the CRM knows, on the web channel: only with the customer's consent " +
                "for personalised offers in the web shop, and under the contact policy of every channel (a declined offer rests, after too " +
                "many declines nothing is offered). Not cached (personal). Reasons in lang (en or de), else from Accept-Language.")
            .Produces<CustomerOffersResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/widget/events", WidgetEventAsync).WithName("WidgetEvents")
            .WithSummary("Record what the widget showed or what was clicked")
            .WithDescription("The widget sends its impressions (every recommended SKU shown) and clicks (the one SKU); they show on the " +
                "CRM's product page as the shop's click rate. Anonymous unless a customer number the CRM knows is sent.")
            .Produces<WidgetEventRecorded>(StatusCodes.Status202Accepted).ProducesValidationProblem();
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

    /// <param name="sku">The product's SKU.</param>
    /// <param name="take">How many products to list, 1 to 20 (default 5).</param>
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
        return ShopCaching.Ok(new AlsoBoughtResponse(product.Sku, product.Name, book == RuleBook.Empty ? null : book.MinedAt, items));
    }

    /// <param name="sku">The basket's SKUs, one parameter each: ?sku=PH-PIX9&amp;sku=CS-PIX9 (1 to 50).</param>
    /// <param name="take">How many products to recommend, 1 to 10 (default 3).</param>
    /// <param name="lang">The reasons' language, en or de; without it the first language of Accept-Language that is one of them.</param>
    private static async Task<IResult> BasketAsync([FromQuery(Name = "sku")] string[]? sku, string? take, string? lang, IValidator<BasketQuery> validator,
        IDbContextFactory<CrmDbContext> factory, NextBestOfferService engine, HttpContext http, CancellationToken ct)
    {
        var query = new BasketQuery(sku ?? [], take, lang);
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());

        var skus = query.Skus.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var known = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).Select(p => new { p.Id, p.Sku }).ToListAsync(ct);
        var unknown = skus.Where(s => !known.Any(k => string.Equals(k.Sku, s, StringComparison.OrdinalIgnoreCase))).ToList();
        var offers = engine.ForBasket([.. known.Select(k => k.Id)], query.Count);
        var language = query.Language ?? LanguageOf(http.Request);
        var items = await ShopItemsAsync(db, offers, language, ct);
        return ShopCaching.Ok(new BasketRecommendations([.. known.Select(k => k.Sku)], unknown, language, items));
    }

    /// <param name="number">The customer number, as the CRM has it.</param>
    /// <param name="lang">The reasons' language, en or de.</param>
    private static async Task<IResult> CustomerOffersAsync(string number, string? lang, IValidator<CustomerOffersQuery> validator,
        IDbContextFactory<CrmDbContext> factory, NextBestOfferService engine, HttpContext http, CancellationToken ct)
    {
        var query = new CustomerOffersQuery(number, lang);
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());
        var language = query.Language ?? LanguageOf(http.Request);
        await using var db = await factory.CreateDbContextAsync(ct);
        var customerId = await db.Customers.AsNoTracking().Where(c => c.CustomerNumber == number && !c.IsErased).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (customerId is not { } id) return TypedResults.Problem($"No customer with number '{number}'.", statusCode: StatusCodes.Status404NotFound);
        http.Response.Headers.CacheControl = "private, no-store";
        var decision = await engine.DecideAsync(id, ContactChannel.Web, repId: null, ct);
        var offers = decision?.Offers ?? [];
        var items = await ShopItemsAsync(db, offers, language, ct);
        var stop = decision is null || !engine.IsReady ? "preparing" : decision.Stop == StopReason.None ? null : JsonNamingPolicy.CamelCase.ConvertName(decision.Stop.ToString());
        var message = decision is null ? null : language == "de" ? decision.StopTextDe : decision.StopTextEn;
        return TypedResults.Ok(new CustomerOffersResponse(number, language, stop, message, items));
    }

    /// <summary>The engine's offers as the shop sees them: by SKU (the engine knows ids), with the first reason in <paramref name="language"/>.</summary>
    private static async Task<List<ShopRecommendation>> ShopItemsAsync(CrmDbContext db, IReadOnlyList<RecommendedOffer> offers, string language, CancellationToken ct)
    {
        var ids = offers.Select(o => o.Product.Id).ToList();
        var skuOf = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Sku, ct);
        return [.. offers.Where(o => skuOf.ContainsKey(o.Product.Id))
            .Select(o => new ShopRecommendation(skuOf[o.Product.Id], o.Product.Name, o.Product.Price,
                o.Reasons.Count > 0 ? o.Reasons[0].Text(language) : "", Math.Round(o.Score, 6), o.BundleDiscountPercent))];
    }

    private static async Task<IResult> WidgetEventAsync(WidgetEventInput input, IValidator<WidgetEventInput> validator, ShopWidgetLog log,
        HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());
        var kind = input.Kind == "click" ? ShopWidgetEventKind.Click : ShopWidgetEventKind.Impression;
        var recorded = await log.RecordAsync(kind, [.. input.Skus!.Select(s => s.Trim())], input.PageSku?.Trim(), input.Customer?.Trim(),
            ShopApiGate.Caller(http)?.KeyId, ct);
        return TypedResults.Accepted((string?)null, new WidgetEventRecorded(recorded));
    }

    /// <summary>A lang parameter as sent, trimmed and lower case; null when none was sent (the validators then hold it to en or de).</summary>
    public static string? AskedLanguage(string? lang) => lang?.Trim().ToLowerInvariant() is { Length: > 0 } l ? l : null;

    /// <summary>The first of Accept-Language's languages (by quality) that the CRM writes; English otherwise.</summary>
    public static string LanguageOf(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant()).FirstOrDefault(l => l is "en" or "de") ?? "en";

    private static async ValueTask<object?> RequireShopKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (ShopApiGate.Caller(http) is not { } caller)
            return TypedResults.Problem($"Send a valid shop key in the {KeyHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
        if (ShopApiGate.IsCrossOrigin(http, out var origin) && !caller.Allows(origin))
            return TypedResults.Problem($"Pages from {origin} may not use this key: an admin adds the origin to the key's allowed origins.",
                statusCode: StatusCodes.Status403Forbidden);
        return await next(context);
    }
}
