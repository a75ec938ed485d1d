namespace CrossSellCrm.Domain.Privacy;

/// <summary>A data-subject request the CRM carried out: an export of everything held (Art. 15/20) or an erasure (Art. 17).</summary>
public sealed class PrivacyRequest
{
    public long Id { get; set; }
    public int CustomerId { get; set; }
    /// <summary>The customer's number at the time (for an erasure: the pseudonym it became).</summary>
    public required string CustomerNumber { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    public DateTime At { get; set; }
    public required string UserName { get; set; }
    /// <summary>Why (the customer's request, its reference): required for an erasure.</summary>
    public string? Reason { get; set; }
    /// <summary>
    /// For an erasure: one-way hashes of the customer's former number and e-mail, separated by spaces — a suppression list, so
    /// that a later import of an old file does not make the customer again (the values themselves are gone).
    /// </summary>
    public string? ErasedKeys { get; set; }
}

public enum PrivacyRequestKind { Export, Erasure }
