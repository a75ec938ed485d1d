using CrossSellCrm.Domain.Catalog;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>Why a product cannot be a relevant offer for a customer now (the article's first mistake: the irrelevant offer).</summary>
public enum Irrelevance
{
    None,
    /// <summary>No longer sold.</summary>
    Inactive,
    /// <summary>Owned, and not something people buy again.</summary>
    Owned,
    /// <summary>Serves the purpose of something owned: a second pair of headphones, another tripod, a case for a phone that has one.</summary>
    Substitute,
    /// <summary>Bought again and again, but not due yet.</summary>
    NotDueYet,
    /// <summary>Fits nothing the customer owns (a Pixel case without a Pixel).</summary>
    Incompatible,
    /// <summary>The customer declined something of this kind saying they already have one.</summary>
    HasOneAlready,
    /// <summary>An add-on for a plan the customer does not have (any more).</summary>
    WithoutItsPlan,
}

/// <summary>What the relevance rules need to know of the customer: what they own, since when, and what they said they have.</summary>
public sealed class Possessions
{
    private readonly Dictionary<int, DateTime> _lastBought;
    private readonly HashSet<int> _anchors;
    private readonly ILookup<int, CatalogProduct> _ownedByCategory;
    private readonly HashSet<int> _owned;
    private readonly HashSet<string> _tags;
    private readonly Dictionary<int, DateTime> _declinedAsOwned;

    private Possessions(Dictionary<int, DateTime> lastBought, HashSet<int> anchors, HashSet<int> owned, ILookup<int, CatalogProduct> byCategory, HashSet<string> tags,
        Dictionary<int, DateTime> declinedAsOwned) =>
        (_lastBought, _anchors, _owned, _ownedByCategory, _tags, _declinedAsOwned) = (lastBought, anchors, owned, byCategory, tags, declinedAsOwned);

    /// <summary>
    /// Bought products and active plans. A plan the customer bought but no longer has (cancelled, ended, paused) is
    /// history: it anchors no add-on and no talking point. It still counts as had: offering the plan they left, or
    /// another of its kind, again is no cross-sell.
    /// </summary>
    public static Possessions Of(CustomerSnapshot customer, Func<int, CatalogProduct?> product)
    {
        var active = customer.ActivePlanIds.ToHashSet();
        var lastBought = new Dictionary<int, DateTime>();
        var owned = new HashSet<int>(active);
        foreach (var p in customer.Purchases)
        {
            owned.Add(p.ProductId);
            if (product(p.ProductId) is { Kind: ProductKind.SubscriptionPlan } && !active.Contains(p.ProductId)) continue;
            if (!lastBought.TryGetValue(p.ProductId, out var at) || p.At > at) lastBought[p.ProductId] = p.At;
        }
        var products = owned.Select(product).OfType<CatalogProduct>().ToList();
        var declined = new Dictionary<int, DateTime>();
        foreach (var o in customer.Offers)
            if (o is { Outcome: OfferOutcome.Declined, Reason: DeclineReason.AlreadyOwned } && product(o.ProductId) is { } p
                && (!declined.TryGetValue(p.CategoryId, out var at) || o.At > at))
                declined[p.CategoryId] = o.At;
        var anchors = new HashSet<int>(lastBought.Keys);
        anchors.UnionWith(active);
        return new Possessions(lastBought, anchors, owned, products.ToLookup(p => p.CategoryId), products.SelectMany(p => p.CompatibilityTags).ToHashSet(), declined);
    }

    /// <summary>Owned products that may anchor an offer (the purchase that makes it timely), with when they were last bought: no plan they left.</summary>
    public IReadOnlyDictionary<int, DateTime> LastBought => _lastBought;
    /// <summary>What the customer has now and offers may start from (rules' left sides, curated complements): no plan they left.</summary>
    public IReadOnlySet<int> Anchors => _anchors;
    /// <summary>Everything the customer has or had: not offered again unless it is bought again and again.</summary>
    public IReadOnlySet<int> Owned => _owned;
    /// <summary>Every compatibility tag of what is owned ("fits:pixel-9" …).</summary>
    public IReadOnlySet<string> Tags => _tags;

    /// <param name="relation">How the candidate relates to its anchor: an upgrade replaces what is owned, so it is no substitute.</param>
    public Irrelevance Of(CatalogProduct candidate, RelationKind? relation, DateTime now, EngineSettings settings)
    {
        if (!candidate.IsActive) return Irrelevance.Inactive;
        if (!Compatibility.Fits(candidate.Needs, _tags)) return Irrelevance.Incompatible;
        if (_owned.Contains(candidate.Id))
        {
            if (!candidate.IsRepeatable) return Irrelevance.Owned;
            var due = candidate.RepurchaseDays ?? settings.RepurchaseDefaultDays;
            if (_lastBought.TryGetValue(candidate.Id, out var at) && (now - at).TotalDays < due * settings.RepurchaseDueShare) return Irrelevance.NotDueYet;
            return Irrelevance.None;
        }
        if (_declinedAsOwned.TryGetValue(candidate.CategoryId, out var said) && now - said < TimeSpan.FromDays(settings.AlreadyOwnedRestDays))
            return Irrelevance.HasOneAlready;
        if (!candidate.SeveralAreNormal && relation != RelationKind.Upgrade && IsSubstitute(candidate) && ReplacementDue(candidate, now) is null)
            return Irrelevance.Substitute;
        return Irrelevance.None;
    }

    /// <summary>
    /// What the customer owns of the candidate's kind, and how many days old the newest of it is, when that is as old as
    /// the kind is usually replaced at (<see cref="CatalogProduct.ReplacementDays"/>, learned): a replacement, not a
    /// second one. Null when it is not due (or nothing of the kind is owned, or the kind has no replacement age).
    /// </summary>
    private (CatalogProduct Owned, int Days)? ReplacementDue(CatalogProduct candidate, DateTime now)
    {
        if (candidate.ReplacementDays is not { } age) return null;
        CatalogProduct? newest = null;
        var newestAt = DateTime.MinValue;
        foreach (var p in _ownedByCategory[candidate.CategoryId])
            if (p.Id != candidate.Id && _lastBought.TryGetValue(p.Id, out var at) && at > newestAt) (newest, newestAt) = (p, at);
        if (newest is null) return null;
        var days = (now - newestAt).TotalDays;
        return days >= age ? (newest, (int)days) : null;
    }

    /// <summary>The owned product an offer replaces, and its age in days, when the offer is of its kind and only relevant as its replacement.</summary>
    public (CatalogProduct Owned, int Days)? Replaces(CatalogProduct candidate, DateTime now) =>
        !candidate.SeveralAreNormal && IsSubstitute(candidate) ? ReplacementDue(candidate, now) : null;

    /// <summary>
    /// Something owned in the same category already serves the purpose. For an accessory that fits devices ("fits:…"),
    /// only for the devices it would fit: a Pixel case is no substitute of an iPhone case for someone who owns both phones.
    /// </summary>
    private bool IsSubstitute(CatalogProduct candidate)
    {
        // Loops, not LINQ: this runs for every candidate of every decision (the engine's budget is 50 µs).
        var sameCategory = _ownedByCategory[candidate.CategoryId];
        var any = false;
        foreach (var p in sameCategory)
            if (p.Id != candidate.Id) { any = true; break; }
        if (!any) return false;
        foreach (var tag in candidate.Needs)
        {
            if (!IsFitsTag(tag)) continue;
            if (!OwnsDeviceFor(tag, candidate.CategoryId)) continue; // a device they lack is no reason either way
            var covered = false;
            foreach (var p in sameCategory)
                if (p.Id != candidate.Id && p.CompatibilityTags.Contains(tag)) { covered = true; break; }
            if (!covered) return false; // it would protect a device of theirs that nothing of its kind fits yet
        }
        return true;
    }

    /// <summary>An owned product of another category carries the tag: the device the candidate would serve.</summary>
    private bool OwnsDeviceFor(string tag, int category)
    {
        foreach (var group in _ownedByCategory)
        {
            if (group.Key == category) continue;
            foreach (var p in group)
                if (p.CompatibilityTags.Contains(tag)) return true;
        }
        return false;
    }

    private static bool IsFitsTag(string tag) => tag.StartsWith("fits:", StringComparison.Ordinal);
}
