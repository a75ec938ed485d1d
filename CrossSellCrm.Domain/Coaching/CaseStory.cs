using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Coaching;

/// <summary>
/// Turns a real customer into a practice persona and a persona into what the engine sees — pure, so
/// what is kept and what is dropped on the way is tested in one place.
/// </summary>
public static class CaseStory
{
    /// <summary>Invented names a case customer gets instead of the real one.</summary>
    private static readonly string[] FirstNames = ["Alex", "Sam", "Robin", "Kim", "Jona", "Mika", "Luca", "Noa", "Toni", "Charlie", "Kai", "Jule"];
    private static readonly string[] LastNames = ["Berger", "Hansen", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Sato", "Varga", "Weiss", "Young"];

    public const int OrdersKept = 12;
    public const int OffersKept = 10;

    /// <summary>
    /// The customer as a practice persona: name, e-mail, phone, postal code, notes and exact dates are
    /// dropped (dates become days before the call); the four dimensions and the purchase story stay.
    /// </summary>
    /// <param name="pick">Chooses the invented name (pass a seeded one in tests).</param>
    public static CasePersona Anonymise(CustomerProfile p, IReadOnlyList<CaseSubscription> subscriptions, IReadOnlyList<CaseOffer> offers, DateTime now, Random pick)
    {
        string name;
        do name = $"{FirstNames[pick.Next(FirstNames.Length)]} {LastNames[pick.Next(LastNames.Length)]}";
        while (string.Equals(name, p.Name, StringComparison.OrdinalIgnoreCase));
        return new CasePersona
        {
            Name = name, Age = p.Age, Gender = p.Gender, Income = p.Income, Education = p.Education,
            Country = p.Country, Region = p.Region, City = p.City,
            Lifestyle = p.Lifestyle, Interests = p.Interests, Values = p.Values,
            Segments = p.Segments.Select(s => new CaseSegment(s.Id, s.Name)).ToList(),
            Orders = p.Orders.Take(OrdersKept)
                .Select(o => new CaseOrder(DaysBefore(o.OrderedAt, now), o.Channel, o.Lines.Select(l => new CaseLine(l.ProductId, l.Product, l.Quantity, l.Quantity == 0 ? 0 : Math.Round(l.Revenue / l.Quantity, 2))).ToList()))
                .ToList(),
            OrderCount = p.OrderCount,
            Subscriptions = subscriptions,
            Offers = offers.Take(OffersKept).ToList(),
            Consents = p.Consents.Where(c => c.Granted).Select(c => c.Channel).ToList(),
            HistoricalClv = p.HistoricalClv,
        };
    }

    public static int DaysBefore(DateTime at, DateTime now) => Math.Max(0, (now.Date - at.Date).Days);

    /// <summary>The persona as the engine sees a customer on a call today.</summary>
    public static CustomerSnapshot Snapshot(CasePersona persona, DateTime now) => new(
        0,
        persona.Orders.SelectMany(o => o.Lines.Where(l => l.Quantity > 0).Select(l => new Purchase(l.ProductId, now.AddDays(-o.DaysBefore)))).ToList(),
        persona.Subscriptions.Where(s => s.Status == Orders.SubscriptionStatus.Active).Select(s => s.PlanProductId).ToList(),
        persona.Segments.Select(s => s.Id).ToList(),
        persona.Offers.Select(o => new PastOffer(o.ProductId, now.AddDays(-o.DaysBefore), o.Outcome)).ToList(),
        persona.Consents.ToHashSet(),
        new Recommendations.Likelihood.CustomerAttributes(0, persona.Age is { } age ? DateOnly.FromDateTime(now).AddYears(-age) : null, persona.Gender,
            persona.Income, persona.Education, persona.Country, persona.Region, persona.Lifestyle is { } l ? Tag(l) : null,
            [.. persona.Interests.Select(Tag)], [.. persona.Values.Select(Tag)]));

    private static Recommendations.Likelihood.TagName Tag(TagName t) => new(t.Code, t.NameEn, t.NameDe);

    /// <summary>
    /// The persona as the customer 360 shows it, dated as if the call were <paramref name="now"/>.
    /// Behaviour is given as recency, frequency and value only (no quintile scores: a persona has no population).
    /// </summary>
    public static CustomerProfile Profile(CasePersona p, DateTime now)
    {
        var orders = p.Orders.OrderBy(o => o.DaysBefore).Select((o, i) => new OrderView(-(i + 1), "", now.AddDays(-o.DaysBefore), o.Channel, o.Total,
            o.Lines.Select(l => new OrderLineView(l.ProductId, l.Product, l.Quantity, l.Quantity * l.UnitPrice)).ToList())).ToList();
        var behaviour = orders.Count == 0 ? null : new BehaviourProfile
        {
            RecencyDays = p.Orders.Min(o => o.DaysBefore), Frequency = p.OrderCount, Monetary = p.Orders.Sum(o => o.Total),
            CategoryBreadth = p.Orders.SelectMany(o => o.Lines).Select(l => l.ProductId).Distinct().Count(), ComputedAt = now,
        };
        return new CustomerProfile(0, "", p.Name, null, null, p.Age, p.Gender, p.Income, p.Education, p.Country, p.Region, p.City, null,
            p.Lifestyle, p.Interests, p.Values, behaviour ?? new BehaviourProfile { ComputedAt = now },
            p.Segments.Select(s => (s.Id, s.Name)).ToList(), p.HistoricalClv, Kpis.ClvPrediction.None,
            Enum.GetValues<ContactChannel>().Where(c => c != ContactChannel.InStore).Select(c => new ConsentState(c, p.Consents.Contains(c), now)).ToList(),
            null, orders, Math.Max(p.OrderCount, orders.Count),
            p.Subscriptions.Select(s => new SubscriptionView(s.Plan, DateOnly.FromDateTime(now.AddDays(-s.DaysBefore)), null, s.Status, s.MonthlyPrice)).ToList(),
            p.Offers.Select((o, i) => new PastOfferView(-(i + 1), now.AddDays(-o.DaysBefore), o.Product, o.Outcome, o.DeclineReason, null, null, null)).ToList(),
            []);
    }

    /// <summary>The engine's answer for the persona on a phone call now, as a reference answer (empty when it would offer nothing).</summary>
    public static IReadOnlyList<ReferenceOffer> Reference(NextBestOfferEngine engine, CasePersona persona, DateTime now) =>
        engine.Decide(Snapshot(persona, now), ContactChannel.Phone, now).Offers
            .Select(o => new ReferenceOffer(o.Product.Id, false, o.Anchor?.Id, o.Relation, o.BundleDiscountPercent,
                string.Join(" ", o.Reasons.Select(r => r.TextEn)), string.Join(" ", o.Reasons.Select(r => r.TextDe)), o.Replaces?.Product.Id, o.Replaces?.Days))
            .ToList();

    /// <summary>
    /// What a good rep would say for each reference offer, in the case's language: the reference as the trainer keeps it
    /// (offers marked "must not offer" left out), composed like the engine's suggestion on a call.
    /// </summary>
    public static IReadOnlyList<(CatalogProduct Product, TalkingPoints Points)> TalkingPoints(NextBestOfferEngine engine, CasePersona persona, IReadOnlyList<ReferenceOffer> reference,
        string language, DateTime now)
    {
        var anchor = persona.Anchor;
        var offers = new List<RecommendedOffer>();
        foreach (var r in reference.Where(r => !r.MustNotOffer))
        {
            if (engine.Product(r.ProductId) is not { } product) continue;
            var anchorProduct = engine.Product(r.AnchorProductId ?? anchor?.ProductId ?? 0);
            var replaces = r.ReplacesProductId is { } id && engine.Product(id) is { } owned ? (owned, r.ReplacesDays ?? 0) : ((CatalogProduct, int)?)null;
            offers.Add(new RecommendedOffer(product, offers.Count + 1, 0, 0, 1, product.BusinessPriority, anchorProduct, null, r.Relation, r.BundleDiscountPercent, [])
            {
                Replaces = replaces,
            });
        }
        return Suggestion.Compose(new OfferDecision(offers, StopReason.None), Snapshot(persona, now), language).Offers.Select(o => (o.Offer.Product, o.Points)).ToList();
    }
}
