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
    /// <returns>Null when there is no such customer.</returns>
    public async Task<OfferDecision?> DecideAsync(int customerId, ContactChannel channel, int alreadyPresented = 0, CancellationToken ct = default)
    {
        if (engines.Current is not { } engine)
            return new OfferDecision([], StopReason.NothingEligible,
                "The recommendations are still being prepared — try again in a minute.",
                "Die Empfehlungen werden noch vorbereitet – bitte in einer Minute erneut versuchen.");
        var customer = await loader.CustomerAsync(customerId, ct);
        return customer is null ? null : engine.Decide(customer, channel, clock.GetUtcNow().UtcDateTime, alreadyPresented);
    }
}
