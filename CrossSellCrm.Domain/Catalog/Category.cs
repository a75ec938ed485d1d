namespace CrossSellCrm.Domain.Catalog;

/// <summary>A product category (smartphones, phone cases, fitness add-ons …) within a product world.</summary>
public sealed class Category : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    /// <summary>Stable key, e.g. "phone-cases".</summary>
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public required string NameDe { get; set; }
    public ProductWorld World { get; set; }
    /// <summary>How German speaks of the category's products ("die Kamera"): talking points need the article.</summary>
    public GrammaticalGender GenderDe { get; set; }
    /// <summary>A manager's lever for the whole category (1 = neutral).</summary>
    public double BusinessPriority { get; set; } = 1.0;
    /// <summary>
    /// Owning several is normal (memory cards, cables, lenses, albums): another one is no substitute of the first.
    /// Where it is not (headphones, tripods), a customer who owns one is not offered a second.
    /// </summary>
    public bool SeveralAreNormal { get; set; }
    public Guid Version { get; set; }

    public string NameFor(string twoLetterLanguage) => twoLetterLanguage == "de" ? NameDe : NameEn;
}

/// <summary>The article's worlds of complementary products.</summary>
public enum ProductWorld { Electronics, Photo, Music, Fitness, Software }
