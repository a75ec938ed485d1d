namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>One offer as staff see it: the engine's offer with its reasons, and what to say.</summary>
public sealed record SuggestedOffer(RecommendedOffer Offer, TalkingPoints Points);

/// <summary>The engine's whole answer for one customer in one contact: the decision and every offer with its talking points.</summary>
public sealed record Suggestion(OfferDecision Decision, IReadOnlyList<SuggestedOffer> Offers)
{
    /// <summary>Talking points for each offer, personal to the customer (their lifestyle, interests and values; their consents).</summary>
    public static Suggestion Compose(OfferDecision decision, CustomerSnapshot customer, string language)
    {
        var a = customer.Attributes;
        var listener = new Listener(
            a is null ? Psychographics.None : new Psychographics(a.Lifestyle?.Code, [.. a.Interests.Select(t => t.Code)], [.. a.Values.Select(t => t.Code)]),
            customer.ConsentedChannels);
        return new Suggestion(decision, [.. decision.Offers.Select(o => new SuggestedOffer(o, TalkingPointWriter.Write(o, listener, language)))]);
    }
}
