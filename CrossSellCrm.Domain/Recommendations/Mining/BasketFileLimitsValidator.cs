using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>The rules of <see cref="BasketFileLimits.Problems"/>, for callers that want a validator.</summary>
public sealed class BasketFileLimitsValidator : AbstractValidator<BasketFileLimits>
{
    public BasketFileLimitsValidator() => RuleFor(l => l).Custom((limits, context) =>
    {
        foreach (var (property, message) in limits.Problems()) context.AddFailure(property, message);
    });
}
