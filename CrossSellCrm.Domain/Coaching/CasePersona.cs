using System.Text.Json;
using System.Text.Json.Serialization;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Domain.Coaching;

/// <summary>
/// The customer of a practice case. No contact data and no dates: every moment is "days before the
/// call", so a case stays realistic whenever it is practised and cannot be traced back by date.
/// </summary>
public sealed record CasePersona
{
    public required string Name { get; init; }
    public int? Age { get; init; }
    public Gender Gender { get; init; }
    public IncomeBand Income { get; init; }
    public EducationLevel Education { get; init; }
    public required string Country { get; init; }
    public string? Region { get; init; }
    public string? City { get; init; }
    public TagName? Lifestyle { get; init; }
    public IReadOnlyList<TagName> Interests { get; init; } = [];
    public IReadOnlyList<TagName> Values { get; init; } = [];
    /// <summary>Segment names (and ids, for the engine's segment affinity when the reference is computed).</summary>
    public IReadOnlyList<CaseSegment> Segments { get; init; } = [];
    /// <summary>Orders, newest first.</summary>
    public IReadOnlyList<CaseOrder> Orders { get; init; } = [];
    /// <summary>All orders of the customer (the list may be cut to the newest).</summary>
    public int OrderCount { get; init; }
    public IReadOnlyList<CaseSubscription> Subscriptions { get; init; } = [];
    public IReadOnlyList<CaseOffer> Offers { get; init; } = [];
    public IReadOnlyList<ContactChannel> Consents { get; init; } = [];
    public decimal HistoricalClv { get; init; }

    /// <summary>What the customer has: every product bought, and the plans not cancelled.</summary>
    public HashSet<int> OwnedProductIds() =>
        Orders.SelectMany(o => o.Lines).Select(l => l.ProductId)
            .Concat(Subscriptions.Where(s => s.Status != SubscriptionStatus.Cancelled).Select(s => s.PlanProductId)).ToHashSet();

    /// <summary>
    /// The purchase the conversation hangs on: the priciest line of the newest order (a phone before its
    /// case), or a plan started more recently than that.
    /// </summary>
    [JsonIgnore]
    public AnchorPurchase? Anchor
    {
        get
        {
            var order = Orders.Where(o => o.Lines.Count > 0).MinBy(o => o.DaysBefore);
            var plan = Subscriptions.Where(s => s.Status != SubscriptionStatus.Cancelled).MinBy(s => s.DaysBefore);
            if (plan is not null && (order is null || plan.DaysBefore < order.DaysBefore))
                return new AnchorPurchase(plan.PlanProductId, plan.Plan, plan.DaysBefore);
            return order?.Lines.MaxBy(l => l.UnitPrice) is { } line ? new AnchorPurchase(line.ProductId, line.Product, order.DaysBefore) : null;
        }
    }
}

public sealed record AnchorPurchase(int ProductId, string Product, int DaysBefore);

public sealed record CaseSegment(int Id, string Name);

public sealed record CaseLine(int ProductId, string Product, int Quantity, decimal UnitPrice);

public sealed record CaseOrder(int DaysBefore, SalesChannel Channel, IReadOnlyList<CaseLine> Lines)
{
    [JsonIgnore] public decimal Total => Lines.Sum(l => l.Quantity * l.UnitPrice);
}

public sealed record CaseSubscription(int PlanProductId, string Plan, int DaysBefore, SubscriptionStatus Status, decimal MonthlyPrice);

public sealed record CaseOffer(int ProductId, string Product, int DaysBefore, OfferOutcome Outcome, DeclineReason? DeclineReason);

/// <summary>
/// One offer of the reference answer, in rank order; or, with <see cref="MustNotOffer"/>, an offer
/// that would be a mistake (already owned, declined last week, incompatible …) and is penalised.
/// </summary>
/// <param name="ReplacesProductId">For a replacement: the owned product it replaces, and that product's age when the case was drafted.</param>
public sealed record ReferenceOffer(int ProductId, bool MustNotOffer = false, int? AnchorProductId = null, RelationKind? Relation = null,
    decimal? BundleDiscountPercent = null, string? WhyEn = null, string? WhyDe = null, int? ReplacesProductId = null, int? ReplacesDays = null);

/// <summary>How personas and reference answers are stored (JSON in a text column, like segment rules).</summary>
public static class CaseJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(CasePersona persona) => JsonSerializer.Serialize(persona, Options);
    public static string Write(IReadOnlyList<ReferenceOffer> reference) => JsonSerializer.Serialize(reference, Options);
    public static CasePersona Persona(string json) => JsonSerializer.Deserialize<CasePersona>(json, Options)
        ?? throw new JsonException("A practice case without a customer.");
    public static IReadOnlyList<ReferenceOffer> Reference(string json) => JsonSerializer.Deserialize<List<ReferenceOffer>>(json, Options) ?? [];
}
