using CrossSellCrm.Domain.Localization;
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
    /// <summary>The chance the engine's policy gave the offer of being shown (see <see cref="OfferPresentation.ShownProbability"/>).</summary>
    public double? ShownProbability { get; init; }
    /// <summary>The card's chance of acceptance, and whether the acceptance model gave it.</summary>
    public double? Chance { get; init; }
    public bool? ChanceFromModel { get; init; }

    /// <summary>The reasons a rep saw, one per line, cut to what the log keeps (an unusually long segment name must not refuse the answer).</summary>
    public static string Reasons(IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines);
        return text.Length <= OfferOutcomeInputValidator.ReasonsShownLength ? text : text[..(OfferOutcomeInputValidator.ReasonsShownLength - 1)] + "…";
    }
}

public sealed class OfferOutcomeInputValidator : AbstractValidator<OfferOutcomeInput>
{
    public const int ReasonsShownLength = 2000;

    public OfferOutcomeInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.CustomerId).GreaterThan(0);
        RuleFor(x => x.ProductId).GreaterThan(0);
        RuleFor(x => x.Rank).InclusiveBetween(1, 20);
        RuleFor(x => x.Outcome).IsInEnum().NotEqual(OfferOutcome.NoAnswer).WithMessage(_ => Messages.Text("Offer_ChooseOutcome"));
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.DeclineReason).Null().When(x => x.Outcome != OfferOutcome.Declined).WithMessage(_ => Messages.Text("Offer_ReasonOnlyDeclined"));
        RuleFor(x => x.DeclineReason).IsInEnum().When(x => x.DeclineReason is not null);
        RuleFor(x => x.FollowUpOn).NotNull().When(x => x.Outcome == OfferOutcome.Later).WithMessage(_ => Messages.Text("Offer_PickFollowUp"));
        RuleFor(x => x.FollowUpOn).Must(d => d is null || (d > Today(clock) && d <= Today(clock).AddDays(365)))
            .WithMessage(_ => Messages.Text("Offer_FollowUpRange"));
        RuleFor(x => x.FollowUpOn).Null().When(x => x.Outcome != OfferOutcome.Later).WithMessage(_ => Messages.Text("Offer_FollowUpOnlyLater"));
        RuleFor(x => x.CreateOrder).Equal(false).When(x => x.Outcome != OfferOutcome.Accepted).WithMessage(_ => Messages.Text("Offer_OrderOnlyAccepted"));
        RuleFor(x => x.BundleDiscountPercent).InclusiveBetween(0, 90).When(x => x.BundleDiscountPercent is not null);
        RuleFor(x => x.ShownProbability).GreaterThan(0).LessThanOrEqualTo(1).When(x => x.ShownProbability is not null);
        RuleFor(x => x.Chance).InclusiveBetween(0, 1).When(x => x.Chance is not null);
        RuleFor(x => x.ReasonsShown).MaximumLength(ReasonsShownLength); // the column holds 2000
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
