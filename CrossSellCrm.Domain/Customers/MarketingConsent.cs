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

public enum ContactChannel { Phone, Email, Sms, Post, InStore }
