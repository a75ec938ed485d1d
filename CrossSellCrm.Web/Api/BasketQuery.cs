using FluentValidation;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// The query of GET /api/baskets/recommendations?sku=…&amp;sku=…: the SKUs in a cart (or the one product on a product
/// page). <see cref="Take"/> is the text as sent, read like <see cref="AlsoBoughtQuery.Take"/>.
/// </summary>
public sealed record BasketQuery(IReadOnlyList<string> Skus, string? Take, string? Lang = null)
{
    /// <summary>"en" or "de" when asked for; null: from Accept-Language.</summary>
    public string? Language => ShopApi.AskedLanguage(Lang);

    public const int DefaultCount = 3;
    public const int MaxSkus = 50;
    public const int MaxCount = 10;

    public int Count => Take is not null && AlsoBoughtQuery.ParseCount(Take) is { } count ? count : DefaultCount;
}

public sealed class BasketQueryValidator : AbstractValidator<BasketQuery>
{
    public BasketQueryValidator()
    {
        RuleFor(q => q.Skus).Must(s => s.Count is >= 1 and <= BasketQuery.MaxSkus)
            .WithMessage($"Send between 1 and {BasketQuery.MaxSkus} SKUs as sku=… (one parameter each).");
        RuleForEach(q => q.Skus).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 40)
            .WithMessage("Every sku must be 1 to 40 characters long (was '{PropertyValue}').");
        RuleFor(q => q.Take).Must(t => t is null || AlsoBoughtQuery.ParseCount(t) is >= 1 and <= BasketQuery.MaxCount)
            .WithMessage($"take must be between 1 and {BasketQuery.MaxCount} (was {{PropertyValue}}).");
        RuleFor(q => q.Language).Must(l => l is null or "en" or "de").OverridePropertyName("lang").WithMessage("lang must be en or de (was {PropertyValue}).");
    }
}

/// <summary>A product to show with the basket, with the one reason in the caller's language and the engine's score.</summary>
public sealed record ShopRecommendation(string Sku, string Name, decimal Price, string Reason, double Score, decimal? BundleDiscountPercent);

/// <param name="UnknownSkus">SKUs of the request the CRM does not know (a product added in the shop first): left out, not an error.</param>
public sealed record BasketRecommendations(IReadOnlyList<string> Skus, IReadOnlyList<string> UnknownSkus, string Language, IReadOnlyList<ShopRecommendation> Items);
