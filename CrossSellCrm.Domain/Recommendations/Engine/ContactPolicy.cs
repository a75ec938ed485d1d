using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>
/// The article's "no pressure", as numbers (configuration "Recommendations:ContactPolicy", checked at start): at most <see cref="MaxOffersPerContact"/> offers per
/// contact; a declined offer rests for <see cref="DeclinedRestDays"/> days; after
/// <see cref="DeclineLimit"/> declines within <see cref="DeclineWindowDays"/> days: no more offers today.
/// </summary>
public sealed record ContactPolicy
{
    public int MaxOffersPerContact { get; set; } = 3;
    public int DeclinedRestDays { get; set; } = 30;
    public int DeclineLimit { get; set; } = 2;
    public int DeclineWindowDays { get; set; } = 7;
}

public sealed class ContactPolicyValidator : AbstractValidator<ContactPolicy>
{
    public ContactPolicyValidator()
    {
        RuleFor(p => p.MaxOffersPerContact).InclusiveBetween(1, 10)
            .WithMessage("Recommendations:ContactPolicy:MaxOffersPerContact must be between 1 and 10 (was {PropertyValue}).");
        RuleFor(p => p.DeclinedRestDays).InclusiveBetween(0, 365)
            .WithMessage("Recommendations:ContactPolicy:DeclinedRestDays must be between 0 and 365 (was {PropertyValue}).");
        RuleFor(p => p.DeclineLimit).InclusiveBetween(1, 20)
            .WithMessage("Recommendations:ContactPolicy:DeclineLimit must be between 1 and 20 (was {PropertyValue}).");
        RuleFor(p => p.DeclineWindowDays).InclusiveBetween(1, 90)
            .WithMessage("Recommendations:ContactPolicy:DeclineWindowDays must be between 1 and 90 (was {PropertyValue}).");
    }
}
