using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Mining;

public sealed class BasketFileLimitsValidator : AbstractValidator<BasketFileLimits>
{
    public BasketFileLimitsValidator()
    {
        RuleFor(l => l.MaxBasketItems).InclusiveBetween(1, 1_000_000)
            .WithMessage("--max-basket-items must be between 1 and 1,000,000 (was {PropertyValue}).");
        RuleFor(l => l.MaxItemLength).InclusiveBetween(1, 100_000);
        RuleFor(l => l.MaxLineLength).InclusiveBetween(1, 10_000_000);
    }
}
