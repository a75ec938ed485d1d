using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>A kind of fact about an offer's moment that a rep can say in a sentence, with the feature column it stands for.</summary>
public enum FacetKind { Lifestyle, Interest, BoughtAnchorThisWeek, BoughtAnchorThisMonth, BoughtThisWeek, AgeBand, Channel, OwnsCategory, AcceptedBefore }

/// <summary>One such fact: its kind and level (a lifestyle's code, an age band "30–44", a channel).</summary>
public readonly record struct Facet(FacetKind Kind, string Level)
{
    /// <summary>The feature column the fact is a value of: it is named only where the model weighs that column.</summary>
    public string Column => Kind switch
    {
        FacetKind.Lifestyle => "lifestyle", FacetKind.Interest => "interest-match",
        FacetKind.BoughtAnchorThisWeek or FacetKind.BoughtAnchorThisMonth => "days-since-anchor",
        FacetKind.BoughtThisWeek => "recency-days",
        FacetKind.AgeBand => "age", FacetKind.Channel => "channel", FacetKind.OwnsCategory => "owns-category", _ => "accepted-before",
    };

    /// <summary>The facts true of offering the product at the moment.</summary>
    public static IEnumerable<Facet> Of(OfferMoment moment, OfferProduct product, int? anchorProductId, ContactChannel channel)
    {
        var customer = moment.Customer;
        if (!string.IsNullOrEmpty(customer?.Lifestyle)) yield return new Facet(FacetKind.Lifestyle, customer.Lifestyle);
        if (customer is not null && OfferFeatures.InterestMatch(customer.Interests, product.Category))
            yield return new Facet(FacetKind.Interest, "yes");
        if (anchorProductId is { } anchor && moment.LastBought(anchor) is { } at)
        {
            var days = (moment.At - at).TotalDays;
            if (days <= 7) yield return new Facet(FacetKind.BoughtAnchorThisWeek, "yes");
            if (days <= 30) yield return new Facet(FacetKind.BoughtAnchorThisMonth, "yes");
        }
        if (moment.LastAt is { } last && (moment.At - last).TotalDays <= 7) yield return new Facet(FacetKind.BoughtThisWeek, "yes");
        if (customer?.BirthDate is { } born)
        {
            var age = OfferFeatures.Age(born, DateOnly.FromDateTime(moment.At)); // the feature's age, so a band and the model's column agree
            yield return new Facet(FacetKind.AgeBand, age < 30 ? "18–29" : age < 45 ? "30–44" : age < 60 ? "45–59" : "60+");
        }
        yield return new Facet(FacetKind.Channel, channel.ToString());
        if (moment.OwnsCategory(product.CategoryId)) yield return new Facet(FacetKind.OwnsCategory, "yes");
        if (moment.AcceptedBefore > 0) yield return new Facet(FacetKind.AcceptedBefore, "yes");
    }
}

/// <summary>A fact with its evidence: of the offers of a product where it held, how many were accepted, against the offers where it did not.</summary>
/// <param name="Lift">The share accepted where the fact held ÷ the share where it did not.</param>
public sealed record AcceptanceFact(Facet Facet, int Offers, int Accepted, double Share, double OthersShare, int Others, double Lift);

/// <summary>
/// How often each offer was accepted where each fact held and where it did not, counted on the model's training rows: what
/// lets a reason say "bought the camera in the last 7 days: the tripod is accepted 2.1× as often as by the others". Only facts
/// of the columns the model weighs most are said, so a reason names what the model learnt, in numbers a rep can check.
/// </summary>
public sealed class AcceptanceFacts
{
    private readonly Dictionary<(int Product, Facet Facet), (int Offers, int Accepted)> _counts = [];
    private readonly Dictionary<int, (int Offers, int Accepted)> _byProduct = [];
    private HashSet<string> _strongColumns = [];

    /// <summary>Facts held (or not held) on fewer offers than this are not said.</summary>
    public const int MinOffers = 30;
    /// <summary>Nor those that do not lift acceptance by at least this much against the others.</summary>
    public const double MinLift = 1.2;

    internal void Add(int product, IEnumerable<Facet> facets, bool accepted)
    {
        var a = accepted ? 1 : 0;
        var p = _byProduct.GetValueOrDefault(product);
        _byProduct[product] = (p.Offers + 1, p.Accepted + a);
        foreach (var facet in facets)
        {
            var c = _counts.GetValueOrDefault((product, facet));
            _counts[(product, facet)] = (c.Offers + 1, c.Accepted + a);
        }
    }

    /// <param name="columns">The model's columns by importance, most important first; facts are said of the first <paramref name="top"/>.</param>
    internal void Weigh(IEnumerable<string> columns, int top = 8) => _strongColumns = columns.Take(top).ToHashSet(StringComparer.Ordinal);

    /// <summary>The offer's strongest fact of all (what the learning page says of it), or null when none is strong and common enough.</summary>
    public AcceptanceFact? Strongest(int product) => Strongest(product, _counts.Keys.Where(k => k.Product == product).Select(k => k.Facet));

    /// <summary>The fact with the highest lift for this offer among those true now, or null when none is strong and common enough.</summary>
    public AcceptanceFact? Strongest(int product, IEnumerable<Facet> facets)
    {
        if (!_byProduct.TryGetValue(product, out var all)) return null;
        AcceptanceFact? best = null;
        foreach (var facet in facets)
        {
            if (!_strongColumns.Contains(facet.Column) || !_counts.TryGetValue((product, facet), out var c) || c.Offers < MinOffers) continue;
            var (others, othersAccepted) = (all.Offers - c.Offers, all.Accepted - c.Accepted);
            if (others < MinOffers || othersAccepted == 0) continue;
            var share = (double)c.Accepted / c.Offers;
            var othersShare = (double)othersAccepted / others;
            var lift = share / othersShare;
            if (lift >= MinLift && (best is null || lift > best.Lift)) best = new AcceptanceFact(facet, c.Offers, c.Accepted, share, othersShare, others, lift);
        }
        return best;
    }
}
