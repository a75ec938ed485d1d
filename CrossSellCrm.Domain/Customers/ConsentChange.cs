namespace CrossSellCrm.Domain.Customers;

/// <summary>
/// One change of a customer's consent on a channel, kept for good (GDPR Art. 7: the CRM must be able to show when and how
/// consent was given or withdrawn). <see cref="MarketingConsent"/> holds the current state the engine reads.
/// </summary>
public sealed class ConsentChange
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    public ContactChannel Channel { get; set; }
    public bool Granted { get; set; }
    /// <summary>When the customer gave or withdrew it (for an import: the file's date, else the import's).</summary>
    public DateTime At { get; set; }
    /// <summary>The user who recorded it ("system" for background work).</summary>
    public required string RecordedBy { get; set; }
    public ConsentSource Source { get; set; }
}

/// <summary>How a consent came in: on the customer's page (a form), from an import file, by the customer's own request, or by the unsubscribe link in a campaign mail.</summary>
public enum ConsentSource { Form, Import, Request, UnsubscribeLink }
