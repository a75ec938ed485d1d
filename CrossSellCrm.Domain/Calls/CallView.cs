using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Calls;

/// <summary>Who is on the line, through which channel, with which rep, in which language the rep reads.</summary>
public sealed record CallRequest(int CustomerId, string? RepId, ContactChannel Channel, string Language);

/// <summary>An offer card: the engine's offer, what to say, and the key that makes its answer count once.</summary>
public sealed record CallOffer(RecommendedOffer Offer, TalkingPoints Points, Guid PresentationKey);

/// <summary>An answer this rep gave this customer today (the contact), as the call summary lists it.</summary>
public sealed record ContactAnswer(long OfferId, DateTime At, string Product, decimal Price, OfferOutcome Outcome, DeclineReason? Reason, DateOnly? FollowUpOn, string? OrderNumber);

/// <summary>Everything the call cockpit shows for one customer, from one call to <see cref="CallService"/>.</summary>
public sealed record CallView(CustomerProfile Profile, OfferDecision Decision, IReadOnlyList<CallOffer> Offers, IReadOnlyList<ContactAnswer> ThisContact)
{
    /// <summary>The customer is in a running experiment (the cockpit marks it; it never says which arm).</summary>
    public bool InExperiment { get; init; }
}

/// <summary>What became of an answer, and the call as it is now.</summary>
public sealed record CallAnswer(OfferOutcomeResult Result, CallView? View);
