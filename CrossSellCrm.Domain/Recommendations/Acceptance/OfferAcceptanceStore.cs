namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// The acceptance model last trained, kept apart from the engine so that an engine rebuilt on new rules starts with it.
/// Replaced whole in one atomic step; the engine holds its own reference, so a decision never sees half of a swap.
/// </summary>
public sealed class OfferAcceptanceStore
{
    private OfferAcceptance? _current;

    /// <summary>Null until the first training (or when there was too little to learn from).</summary>
    public OfferAcceptance? Current => Volatile.Read(ref _current);

    /// <summary>When training last finished, and why it learnt nothing if it did not ("too few decided offers").</summary>
    public DateTime? LastAttempt { get; private set; }
    public bool TooFewOffers { get; private set; }

    public void Swap(OfferAcceptance? acceptance, DateTime at)
    {
        Interlocked.Exchange(ref _current, acceptance);
        (LastAttempt, TooFewOffers) = (at, acceptance is null);
    }
}
