using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>
/// The article's "no pressure", as numbers: at most <see cref="MaxOffersPerContact"/> offers per
/// contact; a declined offer rests for <see cref="DeclinedRestDays"/> days; after
/// <see cref="DeclineLimit"/> declines within <see cref="DeclineWindowDays"/> days: no more offers today.
/// </summary>
public sealed record ContactPolicy
{
    public int MaxOffersPerContact { get; init; } = 3;
    public int DeclinedRestDays { get; init; } = 30;
    public int DeclineLimit { get; init; } = 2;
    public int DeclineWindowDays { get; init; } = 7;
}

public sealed class ContactPolicyValidator : AbstractValidator<ContactPolicy>
{
    public ContactPolicyValidator()
    {
        RuleFor(p => p.MaxOffersPerContact).InclusiveBetween(1, 10);
        RuleFor(p => p.DeclinedRestDays).InclusiveBetween(0, 365);
        RuleFor(p => p.DeclineLimit).InclusiveBetween(1, 20);
        RuleFor(p => p.DeclineWindowDays).InclusiveBetween(1, 90);
    }
}
