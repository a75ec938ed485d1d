namespace CrossSellCrm.Domain.Customers;

/// <summary>Whether a customer may be contacted with offers on a channel, and since when.</summary>
public sealed class MarketingConsent
{
    public int CustomerId { get; set; }
    public ContactChannel Channel { get; set; }
    public bool Granted { get; set; }
    /// <summary>When the customer gave or withdrew consent.</summary>
    public DateTime ChangedAt { get; set; }
}

/// <summary>
/// How an offer reaches a customer. <see cref="InStore"/>: they came in (no consent needed). <see cref="Web"/>: the shop's own
/// pages for a customer it knows (the shop API's customer offers) — personalised from their history, so it needs their consent.
/// </summary>
public enum ContactChannel { Phone, Email, Sms, Post, InStore, Web }
