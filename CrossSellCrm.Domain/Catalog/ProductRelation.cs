using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Domain.Catalog;

/// <summary>A complement curated by a manager: buying <see cref="From"/> makes <see cref="To"/> a good offer.</summary>
public sealed class ProductRelation : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    public int FromProductId { get; set; }
    public Product? From { get; set; }
    public int ToProductId { get; set; }
    public Product? To { get; set; }
    public RelationKind Kind { get; set; }
    /// <summary>Discount in percent when both are bought together (bundles); null for none.</summary>
    public decimal? BundleDiscountPercent { get; set; }
    public string? CuratedById { get; set; }
    public CrmUser? CuratedBy { get; set; }
    public DateTime CuratedAt { get; set; }
    public Guid Version { get; set; }
    /// <summary>The import job that last created or changed this record; null for records entered in the CRM.</summary>
    public int? ImportJobId { get; set; }
}

public enum RelationKind { Accessory, Bundle, AddOn, Upgrade }
