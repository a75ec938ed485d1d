using CrossSellCrm.Domain.Customers;
using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations;

/// <summary>What a rep logs for one offer on a call.</summary>
public sealed record OfferOutcomeInput
{
    public int CustomerId { get; init; }
    public int ProductId { get; init; }
    public int? AnchorProductId { get; init; }
    public ContactChannel Channel { get; init; }
    /// <summary>The card's place in the panel, 1 = top.</summary>
    public int Rank { get; init; } = 1;
    public double Score { get; init; }
    /// <summary>The reasons the rep saw, one per line, kept with the offer for later review.</summary>
    public string? ReasonsShown { get; init; }
    public OfferOutcome Outcome { get; init; }
    public DeclineReason? DeclineReason { get; init; }
    public DateOnly? FollowUpOn { get; init; }
    /// <summary>Accepted only: also write the order line, so the KPIs count the sale.</summary>
    public bool CreateOrder { get; init; }
    public decimal? BundleDiscountPercent { get; init; }
    /// <summary>The card as the rep saw it: answering the same presentation twice (a double click, a retry) stores one answer.</summary>
    public Guid? PresentationKey { get; init; }
}

public sealed class OfferOutcomeInputValidator : AbstractValidator<OfferOutcomeInput>
{
    public OfferOutcomeInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.CustomerId).GreaterThan(0);
        RuleFor(x => x.ProductId).GreaterThan(0);
        RuleFor(x => x.Rank).InclusiveBetween(1, 20);
        RuleFor(x => x.Outcome).IsInEnum().NotEqual(OfferOutcome.NoAnswer).WithMessage("Choose accepted, declined or later.");
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.DeclineReason).Null().When(x => x.Outcome != OfferOutcome.Declined).WithMessage("A reason belongs to a declined offer only.");
        RuleFor(x => x.DeclineReason).IsInEnum().When(x => x.DeclineReason is not null);
        RuleFor(x => x.FollowUpOn).NotNull().When(x => x.Outcome == OfferOutcome.Later).WithMessage("Pick the day to follow up.");
        RuleFor(x => x.FollowUpOn).Must(d => d is null || (d > Today(clock) && d <= Today(clock).AddDays(365)))
            .WithMessage("The follow-up must be within the next 365 days.");
        RuleFor(x => x.FollowUpOn).Null().When(x => x.Outcome != OfferOutcome.Later).WithMessage("A follow-up date belongs to 'later' only.");
        RuleFor(x => x.CreateOrder).Equal(false).When(x => x.Outcome != OfferOutcome.Accepted).WithMessage("Only an accepted offer becomes an order.");
        RuleFor(x => x.BundleDiscountPercent).InclusiveBetween(0, 90).When(x => x.BundleDiscountPercent is not null);
        RuleFor(x => x.ReasonsShown).MaximumLength(4000);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
