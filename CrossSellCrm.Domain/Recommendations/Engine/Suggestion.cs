namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>One offer as staff see it: the engine's offer with its reasons, and what to say.</summary>
public sealed record SuggestedOffer(RecommendedOffer Offer, TalkingPoints Points);

/// <summary>
/// The engine's whole answer for one customer in one contact: the decision and every offer with its talking points.
/// The call cockpit, the recommend verb and coaching's reference answers are all composed here, so a rep hears on a
/// call what a trainer shows in a session.
/// </summary>
/// <param name="InExperiment">The customer is in a running experiment: the cockpit shows a small mark (never which arm).</param>
public sealed record Suggestion(OfferDecision Decision, IReadOnlyList<SuggestedOffer> Offers, bool InExperiment = false)
{
    /// <summary>Talking points for each offer, personal to the customer (their lifestyle, interests and values; their consents).</summary>
    public static Suggestion Compose(OfferDecision decision, CustomerSnapshot customer, string language, TalkingPointStyle style = TalkingPointStyle.Standard)
    {
        var listener = ListenerOf(customer);
        return new(decision, [.. decision.Offers.Select(o => new SuggestedOffer(o, TalkingPointWriter.Write(o, listener, language, style)))]);
    }

    private static Listener ListenerOf(CustomerSnapshot customer)
    {
        var a = customer.Attributes;
        return new Listener(
            a is null ? Psychographics.None : new Psychographics(a.Lifestyle?.Code, [.. a.Interests.Select(t => t.Code)], [.. a.Values.Select(t => t.Code)]),
            customer.ConsentedChannels);
    }
}
