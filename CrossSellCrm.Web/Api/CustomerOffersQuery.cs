using FluentValidation;

namespace CrossSellCrm.Web.Api;

/// <summary>The question of GET /api/customers/{number}/offers?lang=…</summary>
public sealed record CustomerOffersQuery(string Number, string? Lang)
{
    /// <summary>"en" or "de" when asked for; null: from Accept-Language.</summary>
    public string? Language => ShopApi.AskedLanguage(Lang);
}

public sealed class CustomerOffersQueryValidator : AbstractValidator<CustomerOffersQuery>
{
    public CustomerOffersQueryValidator()
    {
        RuleFor(q => q.Number).NotEmpty().MaximumLength(20).WithMessage("A customer number has 1 to 20 characters.");
        RuleFor(q => q.Language).Must(l => l is null or "en" or "de").OverridePropertyName("lang").WithMessage("lang must be en or de (was {PropertyValue}).");
    }
}

/// <summary>
/// The next-best offers for a customer the shop knows, on the web channel. Empty <see cref="Items"/> with <see cref="Stop"/>
/// set when there is nothing to show: "noConsent" (no consent for personalised offers in the web shop), "tooManyDeclines",
/// "nothingEligible", or "preparing" while the engine is still being built; <see cref="Message"/> says it in words.
/// </summary>
public sealed record CustomerOffersResponse(string Customer, string Language, string? Stop, string? Message, IReadOnlyList<ShopRecommendation> Items);
