namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>
/// A contact: one rep with one customer on one day. Offers this rep answered for the customer since
/// <see cref="Since"/> were made in this contact, so a reload of the page or a second call the same day
/// does not start the count again.
/// </summary>
public sealed record Contact(string? RepId, DateTime Since)
{
    /// <summary>The rep's contact today: since local midnight (as UTC), the day a rep means by "today".</summary>
    public static Contact Today(string? repId, TimeProvider clock)
    {
        var local = clock.GetLocalNow();
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        return new Contact(repId, midnight.UtcDateTime);
    }
}

/// <summary>
/// What the contact policy (the article's "no pressure") sees for one customer at one moment, counted from
/// the answers that are stored — never from a page's memory. The engine decides with it, and the offer log
/// checks it again inside the transaction that stores an answer, so parallel writers cannot go past a limit.
/// </summary>
public sealed record ContactState(int MadeInThisContact, int RecentDeclines, IReadOnlySet<int> Resting)
{
    /// <param name="contact">The rep's contact; null counts nothing as made in this contact (evaluation, coaching).</param>
    public static ContactState Of(IEnumerable<PastOffer> offers, ContactPolicy policy, DateTime now, Contact? contact)
    {
        var (made, declines, resting) = (0, 0, new HashSet<int>());
        var today = contact?.Since ?? now.Date;
        foreach (var o in offers)
        {
            if (o.Outcome == OfferOutcome.NoAnswer) continue;
            if (contact is not null && o.RepId == contact.RepId && o.At >= contact.Since) made++;
            if (o.Outcome == OfferOutcome.Declined && o.At >= now.AddDays(-policy.DeclineWindowDays)) declines++;
            // Declined and accepted offers rest for D days; "later" only for today — the follow-up may bring it up again.
            var rests = o.Outcome is OfferOutcome.Declined or OfferOutcome.Accepted ? o.At >= now.AddDays(-policy.DeclinedRestDays) : o.At >= today;
            if (rests) resting.Add(o.ProductId);
        }
        return new ContactState(made, declines, resting);
    }

    /// <summary>Why no (further) offer may be made now; consent is checked by the engine, per channel.</summary>
    public StopReason Stop(ContactPolicy policy) =>
        RecentDeclines >= policy.DeclineLimit ? StopReason.TooManyDeclines
        : MadeInThisContact >= policy.MaxOffersPerContact ? StopReason.ContactLimitReached
        : StopReason.None;

    public int Slots(ContactPolicy policy) => Math.Max(0, policy.MaxOffersPerContact - MadeInThisContact);
}
