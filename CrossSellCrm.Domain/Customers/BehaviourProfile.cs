using CrossSellCrm.Domain.Orders;

namespace CrossSellCrm.Domain.Customers;

/// <summary>
/// The behavioural dimension: recency, frequency, monetary value (RFM) and loyalty, computed from
/// orders — never typed. Stored on the customer (an owned type) so pages and segments filter fast.
/// </summary>
public sealed class BehaviourProfile
{
    /// <summary>Days since the last order, as of <see cref="ComputedAt"/>; null without orders.</summary>
    public int? RecencyDays { get; set; }
    /// <summary>Number of orders.</summary>
    public int Frequency { get; set; }
    /// <summary>Net revenue of all orders.</summary>
    public decimal Monetary { get; set; }
    /// <summary>Quintile scores 1–5 (5 = best); 0 until computed.</summary>
    public byte RecencyScore { get; set; }
    public byte FrequencyScore { get; set; }
    public byte MonetaryScore { get; set; }
    /// <summary>Share (0–1) of purchased units from the customer's most bought brand.</summary>
    public double BrandLoyalty { get; set; }
    public string? TopBrand { get; set; }
    /// <summary>Number of distinct product categories bought.</summary>
    public int CategoryBreadth { get; set; }
    public SalesChannel? PreferredChannel { get; set; }
    public DateTime? FirstOrderAt { get; set; }
    public DateTime? LastOrderAt { get; set; }
    public DateTime? ComputedAt { get; set; }
}
