using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>Holds the engine the app decides with; a rebuild replaces it in one atomic step.</summary>
public sealed class OfferEngineStore
{
    private NextBestOfferEngine? _current;

    /// <summary>Null until the first build after start.</summary>
    public NextBestOfferEngine? Current => Volatile.Read(ref _current);

    public void Swap(NextBestOfferEngine engine) => Interlocked.Exchange(ref _current, engine);
}

/// <summary>The app's entry to the engine: load the customer, decide with the current engine.</summary>
public sealed class NextBestOfferService(OfferEngineStore engines, EngineIndexLoader loader, TimeProvider clock)
{
    /// <summary>Whether the engine has been built since the start (until then every decision says it is being prepared).</summary>
    public bool IsReady => engines.Current is not null;

    /// <param name="repId">The rep on the call: what they already offered this customer today counts towards the contact's maximum.</param>
    /// <returns>Null when there is no such customer.</returns>
    public async Task<OfferDecision?> DecideAsync(int customerId, ContactChannel channel, string? repId, CancellationToken ct = default)
    {
        var customer = await loader.CustomerAsync(customerId, ct);
        return customer is null ? null : Decide(customer, channel, repId);
    }

    /// <summary>
    /// The whole suggestion for a customer already loaded: the decision, each offer's reasons and what to say, in the
    /// caller's language — composed here once, so the cockpit and the recommend verb show the same.
    /// </summary>
    /// <param name="arm">The customer's arm when they are in an experiment: a holdout gets no proactive offer, any other arm
    /// is decided with its strategy.</param>
    public Suggestion Suggest(CustomerSnapshot customer, ContactChannel channel, string? repId, string language, Experiments.ArmAssignment? arm = null)
    {
        if (arm is { Holdout: true })
            return new Suggestion(new OfferDecision([], StopReason.Holdout,
                "No suggestion for this customer today — just serve what they came for.",
                "Heute kein Vorschlag für diesen Kunden – einfach das Anliegen klären."), [], InExperiment: true);
        if (engines.Current is not { } engine || arm is null)
            return Suggestion.Compose(Decide(customer, channel, repId), customer, language, engines.Current?.Settings.TalkingPoints ?? TalkingPointStyle.Standard);
        var settings = arm.Strategy.Apply(engine.Settings);
        var decision = engine.With(settings).Decide(customer, channel, clock.GetUtcNow().UtcDateTime, Contact.Today(repId, clock));
        return Suggestion.Compose(decision, customer, language, settings.TalkingPoints) with { InExperiment = true };
    }

    /// <returns>Null when there is no such customer.</returns>
    public async Task<Suggestion?> SuggestAsync(int customerId, ContactChannel channel, string? repId, string language, CancellationToken ct = default)
    {
        var customer = await loader.CustomerAsync(customerId, ct);
        return customer is null ? null : Suggest(customer, channel, repId, language);
    }

    /// <summary>
    /// What goes with a basket nobody is known for (a shop's product or cart page): the basket is the history, bought now;
    /// the relevance rules hold (nothing of a kind already in it, no add-on without its plan), the contact policy does not —
    /// nobody is being contacted — beyond <paramref name="take"/> offers. Empty while the engine is still being built.
    /// </summary>
    public IReadOnlyList<RecommendedOffer> ForBasket(IReadOnlyCollection<int> productIds, int take)
    {
        if (engines.Current is not { } engine) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var basket = new CustomerSnapshot(0, [.. productIds.Distinct().Select(id => new Purchase(id, now))], [], [], [], new HashSet<ContactChannel>());
        var settings = engine.Settings with { Policy = engine.Settings.Policy with { MaxOffersPerContact = take }, ExplorationShare = 0 };
        return engine.With(settings).Decide(basket, ContactChannel.InStore, now).Offers;
    }

    /// <summary>
    /// The decision for a campaign mail: the e-mail channel (its consent), the contact policy over every channel's past offers,
    /// and no rep's contact of today — a mail is not part of a call. Nothing while the engine is still being built.
    /// </summary>
    public OfferDecision DecideForMail(CustomerSnapshot customer) =>
        engines.Current is not { } engine
            ? new OfferDecision([], StopReason.NothingEligible)
            : engine.Decide(customer, ContactChannel.Email, clock.GetUtcNow().UtcDateTime, contact: null);

    /// <summary>The strategy the engine decides with now (what an offer it makes is attributed to).</summary>
    public string? StrategyVersion => engines.Current is { } engine ? Tuning.OfferStrategy.Of(engine.Settings).Version : null;

    /// <summary>The decision for a customer already loaded (the call cockpit loads them once for everything it shows).</summary>
    public OfferDecision Decide(CustomerSnapshot customer, ContactChannel channel, string? repId) =>
        engines.Current is not { } engine
            ? new OfferDecision([], StopReason.NothingEligible,
                "The recommendations are still being prepared — try again in a minute.",
                "Die Empfehlungen werden noch vorbereitet – bitte in einer Minute erneut versuchen.")
            : engine.Decide(customer, channel, clock.GetUtcNow().UtcDateTime, Contact.Today(repId, clock));
}
