using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>What the engine knows of a product: plain data, loaded once into the engine's index.</summary>
public sealed record CatalogProduct(
    int Id, string Name, int CategoryId, string CategoryName, ProductKind Kind, decimal Price, decimal UnitCost,
    bool IsActive, bool IsRepeatable, IReadOnlyList<string> CompatibilityTags, double BusinessPriority,
    string BenefitEn = "", string BenefitDe = "", string CategoryNameDe = "", GrammaticalGender GenderDe = GrammaticalGender.Neuter,
    bool SeveralAreNormal = false, double? RepurchaseDays = null, double? ReplacementDays = null)
{
    public decimal Margin => Price - UnitCost;

    /// <summary>
    /// The compatibility tags this product needs something owned to carry: an accessory's "fits:"/"mount:" tags that the
    /// products it is curated for carry too. A device carries the same tag (a Pixel 9 and its case both "fits:pixel-9"),
    /// so the tag alone cannot say which needs which; the curated relations' direction does. Set by the engine's index.
    /// </summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>The stock-keeping unit: how the acceptance model knows the product.</summary>
    public string Sku { get; init; } = "";

    /// <summary>The product's name with the gender German talking points need.</summary>
    public GermanNoun German => new(Name, GenderDe);

    public string CategoryFor(string language) => Localization.Messages.Pick(language, CategoryName, CategoryNameDe);
}

/// <summary>A complement curated by a manager.</summary>
public sealed record CuratedComplement(int FromProductId, int ToProductId, RelationKind Kind, decimal? BundleDiscountPercent);

/// <summary>
/// How much more a product sells in a segment than overall: buyers in the segment who bought it,
/// of all buyers in the segment, against the same share among all buyers.
/// </summary>
public sealed record SegmentAffinity(int SegmentId, string SegmentName, int ProductId, int SegmentBuyers, int SegmentBuyersOfProduct, double OverallShare,
    string? SegmentNameDe = null)
{
    public double Share => SegmentBuyers == 0 ? 0 : (double)SegmentBuyersOfProduct / SegmentBuyers;
    public double Lift => OverallShare == 0 ? 0 : Share / OverallShare;
}

/// <param name="OrderId">The order it was part of (0 when unknown) and its net revenue: the acceptance model counts orders and revenue before an offer.</param>
public sealed record Purchase(int ProductId, DateTime At, int OrderId = 0, double Revenue = 0);

/// <summary>The psychographic dimension as tag codes ("sustainability", "travel" …), for personal talking points.</summary>
public sealed record Psychographics(string? Lifestyle, IReadOnlyList<string> Interests, IReadOnlyList<string> Values)
{
    public static readonly Psychographics None = new(null, [], []);
}

/// <summary>An offer answered earlier; <see cref="RepId"/> tells whose contact it was part of.</summary>
public sealed record PastOffer(int ProductId, DateTime At, OfferOutcome Outcome, string? RepId = null, DeclineReason? Reason = null);

/// <summary>One customer at the moment a rep asks for offers.</summary>
public sealed record CustomerSnapshot(
    int CustomerId,
    IReadOnlyList<Purchase> Purchases,
    IReadOnlyList<int> ActivePlanIds,
    IReadOnlyList<int> SegmentIds,
    IReadOnlyList<PastOffer> Offers,
    IReadOnlySet<ContactChannel> ConsentedChannels,
    Likelihood.CustomerAttributes? Attributes = null);

/// <summary>Logged outcomes for one (product, segment) — the evidence the propensity learns from. Segment 0 = no segment.</summary>
public readonly record struct OutcomeCounts(int Presented, int Accepted);
