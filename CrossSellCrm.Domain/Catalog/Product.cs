namespace CrossSellCrm.Domain.Catalog;

/// <summary>Something we sell: a physical product, a service, a subscription plan or an add-on to one.</summary>
public sealed class Product : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public required string Brand { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public ProductKind Kind { get; set; }
    public decimal Price { get; set; }
    public decimal UnitCost { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Bought again and again (memory cards, concert tickets): may be offered to owners, once it is due again.</summary>
    public bool IsRepeatable { get; set; }
    /// <summary>Days until a repeatable product is due again; null: learned from how often customers rebuy it.</summary>
    public int? RepurchaseDays { get; set; }
    public required string BenefitEn { get; set; }
    public required string BenefitDe { get; set; }
    /// <summary>
    /// Compatibility tags such as "mount:sony-e" or "fits:pixel-9". An accessory with a "fits:" or
    /// "mount:" tag only complements an anchor that carries the same tag.
    /// </summary>
    public List<string> CompatibilityTags { get; set; } = [];
    /// <summary>Where German speaks of this product differently from its category ("das MacBook", though "der Laptop").</summary>
    public GrammaticalGender? GenderDe { get; set; }
    /// <summary>A manager's lever on how strongly the engine pushes this product (1 = neutral).</summary>
    public double BusinessPriority { get; set; } = 1.0;
    public Guid Version { get; set; }
    /// <summary>The import job that last created or changed this record; null for records entered in the CRM.</summary>
    public int? ImportJobId { get; set; }

    public decimal Margin => Price - UnitCost;
    public double MarginRate => Price == 0 ? 0 : (double)(Margin / Price);

    public string BenefitFor(string twoLetterLanguage) => twoLetterLanguage == "de" ? BenefitDe : BenefitEn;
}

public enum ProductKind { Physical, Service, SubscriptionPlan, AddOn }
