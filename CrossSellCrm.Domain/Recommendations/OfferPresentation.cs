using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Domain.Recommendations;

/// <summary>An offer a rep presented to a customer, what the engine said about it, and the answer.</summary>
public sealed class OfferPresentation : IVersioned, Auditing.IAudited
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>The purchase the offer complements, if any.</summary>
    public int? AnchorProductId { get; set; }
    public string? RepId { get; set; }
    public CrmUser? Rep { get; set; }
    /// <summary>UTC.</summary>
    public DateTime PresentedAt { get; set; }
    public ContactChannel Channel { get; set; }
    /// <summary>1 = the top offer.</summary>
    public int Rank { get; set; }
    public double Score { get; set; }
    /// <summary>The reasons shown to the rep, as plain sentences (one per line).</summary>
    public string? ReasonsShown { get; set; }
    public OfferOutcome Outcome { get; set; }
    public DeclineReason? DeclineReason { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>The card the rep answered (one answer per card); null for answers logged before cards had keys, and imports.</summary>
    public Guid? PresentationKey { get; set; }
    /// <summary>The order an accepted answer wrote, so that taking the answer back takes the order too.</summary>
    public int? OrderId { get; set; }
    public Orders.Order? Order { get; set; }
    public Guid Version { get; set; }
    /// <summary>The import job that last created or changed this record; null for records entered in the CRM.</summary>
    public int? ImportJobId { get; set; }
    /// <summary>The experiment the customer was in when the offer was made, and its arm: every outcome is attributed.</summary>
    public int? ExperimentId { get; set; }
    public string? ExperimentArm { get; set; }
    /// <summary>The strategy the engine decided with (<see cref="Tuning.OfferStrategy.Version"/>); null for imported offers.</summary>
    public string? StrategyVersion { get; set; }
    /// <summary>
    /// The chance the engine's policy gave this offer of being shown at all (an explored decision is a random draw): the acceptance
    /// model weighs the outcome by its inverse, so what reps were shown most does not decide what is learnt. Null where unknown (imports, old offers).
    /// </summary>
    public double? ShownProbability { get; set; }
    /// <summary>The engine's chance of acceptance on the card, and whether the acceptance model or the Beta count gave it.</summary>
    public double? Chance { get; set; }
    public bool? ChanceFromModel { get; set; }
}

public enum OfferOutcome { NoAnswer, Accepted, Declined, Later }

public enum DeclineReason { TooExpensive, AlreadyOwned, NotNeeded, NotNow, Other }

/// <summary>A rep's note on a call with a customer.</summary>
public sealed class CallNote
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public string? RepId { get; set; }
    public CrmUser? Rep { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string Text { get; set; }
}
