using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class NextBestOfferEngineTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    // A small catalogue: margins chosen so scores are easy to compute by hand.
    private static readonly CatalogProduct Pixel = P(1, "Google Pixel 9", 10, price: 899, cost: 610, tags: ["fits:pixel-9"]);
    private static readonly CatalogProduct IPhone = P(2, "Apple iPhone 16", 10, price: 999, cost: 690, tags: ["fits:iphone-16"]);
    private static readonly CatalogProduct PixelCase = P(3, "Pixel 9 Case", 11, price: 39, cost: 11, tags: ["fits:pixel-9"]);      // margin 28
    private static readonly CatalogProduct Charger = P(4, "Anker Charger", 12, price: 49, cost: 19);                                 // margin 30
    private static readonly CatalogProduct PowerBank = P(5, "Power Bank", 12, price: 59, cost: 24);                                  // margin 35, same category as the charger
    private static readonly CatalogProduct MemoryCard = P(6, "Memory Card", 13, price: 49, cost: 19, repeatable: true);               // margin 30
    private static readonly CatalogProduct Retired = P(7, "Old Case", 11, price: 20, cost: 5, tags: ["fits:pixel-9"], active: false);
    private static readonly CatalogProduct Headphones = P(8, "Headphones", 14, price: 229, cost: 130);                              // margin 99

    private static CatalogProduct P(int id, string name, int category, decimal price, decimal cost, string[]? tags = null,
        bool repeatable = false, bool active = true, double priority = 1) =>
        new(id, name, category, $"cat{category}", ProductKind.Physical, price, cost, active, repeatable, tags ?? [], priority);

    private static NextBestOfferEngine Engine(
        IEnumerable<CatalogProduct>? products = null, IEnumerable<CuratedComplement>? complements = null, IEnumerable<ProductRule>? rules = null,
        IEnumerable<SegmentAffinity>? affinities = null, Dictionary<(int, int), OutcomeCounts>? outcomes = null, EngineSettings? settings = null) =>
        new(products ?? [Pixel, IPhone, PixelCase, Charger, PowerBank, MemoryCard, Retired, Headphones],
            complements ?? [],
            new RuleBook((rules ?? []).ToList(), 1000, new MiningOptions(), Now, TimeSpan.Zero),
            affinities ?? [], new OutcomeLedger(outcomes ?? []), settings ?? new EngineSettings());

    private static CustomerSnapshot Customer(Purchase[]? purchases = null, PastOffer[]? offers = null, int[]? segments = null,
        ContactChannel[]? consent = null) =>
        new(42, purchases ?? [], [], segments ?? [], offers ?? [], (consent ?? [ContactChannel.Phone]).ToHashSet());

    private static Purchase Bought(CatalogProduct p, int daysAgo) => new(p.Id, Now.AddDays(-daysAgo));

    private static ProductRule Rule(CatalogProduct from, CatalogProduct to, double confidence, double lift = 3.2, int count = 333) =>
        new([from.Id], to.Id, count, 0.05, confidence, lift, 0.01, 1.2);

    [Fact]
    public void Decide_NoConsentForTheChannel_OffersNothingAndSaysWhy()
    {
        var decision = Engine(rules: [Rule(Pixel, PixelCase, 0.4)]).Decide(Customer([Bought(Pixel, 2)], consent: [ContactChannel.Email]), ContactChannel.Phone, Now);
        Assert.Equal(StopReason.NoConsent, decision.Stop);
        Assert.Empty(decision.Offers);
        Assert.Contains("No consent for offers by phone", decision.StopTextEn);
        Assert.Contains("Keine Einwilligung", decision.StopTextDe);
    }

    [Fact]
    public void Decide_InStore_NeedsNoMarketingConsent()
    {
        var decision = Engine(rules: [Rule(Pixel, PixelCase, 0.4)]).Decide(Customer([Bought(Pixel, 2)], consent: []), ContactChannel.InStore, Now);
        Assert.Equal(StopReason.None, decision.Stop);
        Assert.Single(decision.Offers);
    }

    [Fact]
    public void Decide_TwoDeclinesThisWeek_NoMoreOffersToday()
    {
        PastOffer[] offers = [new(Charger.Id, Now.AddDays(-1), OfferOutcome.Declined), new(Headphones.Id, Now.AddDays(-6), OfferOutcome.Declined)];
        var decision = Engine(rules: [Rule(Pixel, PixelCase, 0.4)]).Decide(Customer([Bought(Pixel, 2)], offers), ContactChannel.Phone, Now);
        Assert.Equal(StopReason.TooManyDeclines, decision.Stop);
        Assert.Equal("2 offers declined in the last 7 days — better stop here: no more offers today.", decision.StopTextEn);
    }

    [Fact]
    public void Decide_DeclinesOutsideTheWindow_DoNotStopTheCall()
    {
        PastOffer[] offers = [new(Charger.Id, Now.AddDays(-1), OfferOutcome.Declined), new(Headphones.Id, Now.AddDays(-8), OfferOutcome.Declined)];
        var decision = Engine(rules: [Rule(Pixel, PixelCase, 0.4)]).Decide(Customer([Bought(Pixel, 2)], offers), ContactChannel.Phone, Now);
        Assert.Equal(StopReason.None, decision.Stop);
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(31, true)]
    public void Decide_DeclinedOffer_RestsThirtyDays(int daysAgo, bool offeredAgain)
    {
        PastOffer[] offers = [new(PixelCase.Id, Now.AddDays(-daysAgo), OfferOutcome.Declined)];
        var decision = Engine(rules: [Rule(Pixel, PixelCase, 0.4)]).Decide(Customer([Bought(Pixel, 40)], offers), ContactChannel.Phone, Now);
        Assert.Equal(offeredAgain, decision.Offers.Any(o => o.Product.Id == PixelCase.Id));
    }

    [Theory]
    [InlineData(OfferOutcome.Accepted, 0, false)]
    [InlineData(OfferOutcome.Accepted, 31, true)]
    [InlineData(OfferOutcome.Later, 0, false)]   // asked to come back: not again in this call
    [InlineData(OfferOutcome.Later, 1, true)]    // the follow-up call may bring it up again
    [InlineData(OfferOutcome.NoAnswer, 0, true)]
    public void Decide_AnsweredOffer_RestsAsItsOutcomeSays(OfferOutcome outcome, int daysAgo, bool offeredAgain)
    {
        var decision = Engine(rules: [Rule(Pixel, PixelCase, 0.4)])
            .Decide(Customer([Bought(Pixel, 40)], [new PastOffer(PixelCase.Id, Now.AddDays(-daysAgo).AddMinutes(-1), outcome)]), ContactChannel.Phone, Now);
        Assert.Equal(offeredAgain, decision.Offers.Any(o => o.Product.Id == PixelCase.Id));
    }

    [Fact]
    public void Decide_AtMostThreeOffers_LessWhenThisRepMadeSomeToday()
    {
        var engine = Engine(rules: [Rule(Pixel, PixelCase, 0.4), Rule(Pixel, Charger, 0.3), Rule(Pixel, MemoryCard, 0.3), Rule(Pixel, Headphones, 0.2)]);
        var contact = new Contact("rep-1", Now.Date);
        // Stored answers ("later", which rests for today only): what rep-1 answered today counts towards this contact.
        PastOffer Later(CatalogProduct product, string rep, double hoursAgo) => new(product.Id, Now.AddHours(-hoursAgo), OfferOutcome.Later, rep);
        Assert.Equal(3, engine.Decide(Customer([Bought(Pixel, 2)]), ContactChannel.Phone, Now, contact).Offers.Count);

        var two = Customer([Bought(Pixel, 2)], [Later(Headphones, "rep-1", 1), Later(Charger, "rep-1", 2), Later(PixelCase, "rep-2", 1), Later(MemoryCard, "rep-1", 30)]);
        var one = Assert.Single(engine.Decide(two, ContactChannel.Phone, Now, contact).Offers); // 3 − 2 made today by rep-1
        Assert.Equal(MemoryCard.Id, one.Product.Id); // yesterday's "later" no longer rests, rep-2's from today does

        var three = Customer([Bought(Pixel, 2)], [Later(Headphones, "rep-1", 1), Later(Charger, "rep-1", 2), Later(PixelCase, "rep-1", 3)]);
        var full = engine.Decide(three, ContactChannel.Phone, Now, contact);
        Assert.Equal(StopReason.ContactLimitReached, full.Stop);
        Assert.Equal("3 offers made in this contact — that is enough for today.", full.StopTextEn);
        Assert.Equal(StopReason.None, engine.Decide(three, ContactChannel.Phone, Now).Stop); // no contact given: nothing was made in it
    }

    [Fact]
    public void Decide_OwnedProducts_AreNotOfferedUnlessRepeatableAndDueAgain()
    {
        var engine = Engine(rules: [Rule(Pixel, PixelCase, 0.4), Rule(Pixel, MemoryCard, 0.3)]);
        var offers = engine.Decide(Customer([Bought(Pixel, 5), Bought(PixelCase, 4), Bought(MemoryCard, 70)]), ContactChannel.Phone, Now).Offers;
        Assert.DoesNotContain(offers, o => o.Product.Id == PixelCase.Id);
        Assert.Contains(offers, o => o.Product.Id == MemoryCard.Id); // repeatable, and 70 days is past the default 60
        var justBought = engine.Decide(Customer([Bought(Pixel, 5), Bought(MemoryCard, 4)]), ContactChannel.Phone, Now).Offers;
        Assert.DoesNotContain(justBought, o => o.Product.Id == MemoryCard.Id);
    }

    [Fact]
    public void Decide_InactiveProducts_AreNeverOffered()
    {
        var offers = Engine(rules: [Rule(Pixel, Retired, 0.9)]).Decide(Customer([Bought(Pixel, 2)]), ContactChannel.Phone, Now).Offers;
        Assert.Empty(offers);
    }

    [Fact]
    public void Decide_CaseThatFitsAnotherPhone_IsNotOffered()
    {
        // The curated relation says "phones → Pixel case", but an iPhone owner has nothing it fits.
        CuratedComplement[] curated = [new(IPhone.Id, PixelCase.Id, RelationKind.Accessory, null), new(IPhone.Id, Charger.Id, RelationKind.Accessory, null)];
        var offers = Engine(complements: curated).Decide(Customer([Bought(IPhone, 2)]), ContactChannel.Phone, Now).Offers;
        Assert.Equal([Charger.Id], offers.Select(o => o.Product.Id));
    }

    [Fact]
    public void Decide_RuleCandidate_ExplainsItselfWithNumbers()
    {
        var offer = Engine(rules: [Rule(Pixel, PixelCase, 0.41, lift: 3.2, count: 333)]).Decide(Customer([Bought(Pixel, 5)]), ContactChannel.Phone, Now).Offers.Single();
        var reason = offer.Reasons.Single(r => r.Kind == ReasonKind.BoughtTogether);
        Assert.Equal("41% of Google Pixel 9 buyers also bought the Pixel 9 Case — 3.2× the average (n = 812).", reason.TextEn);
        Assert.Equal("41 % der Käufer von Google Pixel 9 kauften auch Pixel 9 Case – 3,2-mal so oft wie im Schnitt (n = 812).", reason.TextDe);
        Assert.Equal(812, reason.N);
        var timing = offer.Reasons.Single(r => r.Kind == ReasonKind.Timing);
        Assert.Equal("Bought the Google Pixel 9 5 days ago — a good moment for the Pixel 9 Case.", timing.TextEn);
        Assert.Same(Pixel, offer.Anchor);
    }

    [Fact]
    public void Decide_CuratedBundle_NamesTheDiscount()
    {
        var offer = Engine(complements: [new(Pixel.Id, Headphones.Id, RelationKind.Bundle, 10m)]).Decide(Customer([Bought(Pixel, 1)]), ContactChannel.Phone, Now).Offers.Single();
        Assert.Equal(10m, offer.BundleDiscountPercent);
        Assert.Equal(RelationKind.Bundle, offer.Relation);
        Assert.Contains(offer.Reasons, r => r.TextEn == "Bundle for the Google Pixel 9, 10 % off as a bundle.");
    }

    [Fact]
    public void Decide_ComplementOfSeveralOwnedProducts_GivesTheReasonOfTheLatestPurchaseOnce()
    {
        CuratedComplement[] curated = [new(Pixel.Id, Charger.Id, RelationKind.Accessory, null), new(IPhone.Id, Charger.Id, RelationKind.Accessory, null)];
        var offer = Engine(complements: curated).Decide(Customer([Bought(Pixel, 200), Bought(IPhone, 3)]), ContactChannel.Phone, Now).Offers.Single();
        Assert.Same(IPhone, offer.Anchor);
        Assert.Equal(["Recommended accessory for the Apple iPhone 16."], offer.Reasons.Where(r => r.Kind == ReasonKind.CuratedComplement).Select(r => r.TextEn));
    }

    [Fact]
    public void Decide_NewCustomerInASegment_GetsTheSegmentsFavouritesWithTheReason()
    {
        SegmentAffinity[] affinities =
        [
            new(5, "Urban tech fans", Headphones.Id, SegmentBuyers: 120, SegmentBuyersOfProduct: 48, OverallShare: 0.16), // 40 %, 2.5×
            new(5, "Urban tech fans", Charger.Id, SegmentBuyers: 120, SegmentBuyersOfProduct: 24, OverallShare: 0.18),    // 1.1×: too weak
            new(6, "Tiny segment", MemoryCard.Id, SegmentBuyers: 12, SegmentBuyersOfProduct: 10, OverallShare: 0.1),      // too few buyers
        ];
        var decision = Engine(affinities: affinities).Decide(Customer(segments: [5, 6]), ContactChannel.Phone, Now);
        var offer = Assert.Single(decision.Offers);
        Assert.Equal(Headphones.Id, offer.Product.Id);
        Assert.Equal("Bought by 40% of customers in “Urban tech fans” — 2.5× the average (n = 120).", offer.Reasons.Single().TextEn);
        Assert.Null(offer.Anchor);
    }

    [Fact]
    public void Decide_WithoutAModel_ScoreIsPriorTimesTimingReRankedByMarginToTheWeight()
    {
        // No purchases learnt yet: the rule's confidence 0.3 stands in for the likelihood, decayed by timing — bought 14
        // days ago, rule half-life 21 days → 0.5^(14/21). Margin 28 × priority 2 against the typical margin (the median of
        // 28 and 289: the upper one, 289), to the margin weight 0.25. Acceptance rates when offered do not count: reps chose
        // whom to offer what, so they say more about the reps than about the offer (ADR 16).
        var boosted = PixelCase with { BusinessPriority = 2 };
        var engine = Engine(products: [Pixel, boosted], rules: [Rule(Pixel, boosted, 0.3)],
            outcomes: new() { [(boosted.Id, 0)] = new OutcomeCounts(10, 8) });
        var offer = engine.Decide(Customer([Bought(Pixel, 14)]), ContactChannel.Phone, Now).Offers.Single();
        var timing = Math.Pow(0.5, 14.0 / 21.0);
        Assert.Equal(timing, offer.TimingWeight, 10);
        Assert.Equal(0.3 * timing, offer.Propensity, 10);
        Assert.Equal(0.3 * timing * Math.Pow(28.0 * 2 / 289, 0.25), offer.Score, 8);
        Assert.DoesNotContain(offer.Reasons, r => r.Kind == ReasonKind.AcceptedBefore);
    }

    [Fact]
    public void Decide_MarginWeight_ZeroRanksByLikelihood_OneByExpectedMargin()
    {
        // Headphones: prior 0.2, margin 99 → expected margin 19.8; case: prior 0.6, margin 28 → 16.8.
        var engine = Engine(rules: [Rule(Pixel, Headphones, 0.2), Rule(Pixel, PixelCase, 0.6)]);
        var customer = Customer([Bought(Pixel, 0)]);

        var byMargin = engine.With(engine.Settings with { MarginWeight = 1 }).Decide(customer, ContactChannel.Phone, Now).Offers.Select(o => o.Product.Id);
        var likely = engine.With(engine.Settings with { MarginWeight = 0 }).Decide(customer, ContactChannel.Phone, Now).Offers;

        Assert.Equal([Headphones.Id, PixelCase.Id], byMargin);
        Assert.Equal([PixelCase.Id, Headphones.Id], likely.Select(o => o.Product.Id));
        Assert.Equal(0.6, likely[0].Score, 10); // the likelihood alone (bought today: timing 1)
    }

    [Fact]
    public void Decide_OldAnchorPurchase_DecaysToTheFloor()
    {
        var offer = Engine(complements: [new(Pixel.Id, Charger.Id, RelationKind.Accessory, null)])
            .Decide(Customer([Bought(Pixel, 365)]), ContactChannel.Phone, Now).Offers.Single();
        Assert.Equal(0.2, offer.TimingWeight);
        // A year on, the moment is no reason to give: the card says what the relation is, not that the time is right.
        Assert.DoesNotContain(offer.Reasons, r => r.Kind == ReasonKind.Timing);
        var fresh = Engine(complements: [new(Pixel.Id, Charger.Id, RelationKind.Accessory, null)])
            .Decide(Customer([Bought(Pixel, 5)]), ContactChannel.Phone, Now).Offers.Single();
        Assert.Contains(fresh.Reasons, r => r.TextEn == "Bought the Google Pixel 9 5 days ago — a good moment for the Anker Charger.");
    }

    [Fact]
    public void Decide_TwoOfAKind_TheSecondIsWeighedDownNotBanned()
    {
        // Charger and power bank share a category: with a penalty of 0.25 the second keeps a quarter of its score.
        var rules = new[] { Rule(Pixel, Charger, 0.3), Rule(Pixel, PowerBank, 0.3), Rule(Pixel, PixelCase, 0.25) };
        var strict = Engine(rules: rules, settings: new EngineSettings { SameCategoryPenalty = 0.25, MarginWeight = 0 })
            .Decide(Customer([Bought(Pixel, 3)]), ContactChannel.Phone, Now).Offers;
        Assert.Equal([1, 2, 3], strict.Select(o => o.Rank));
        Assert.Equal(PixelCase.Id, strict[1].Product.Id); // 0.3 × 0.25 < 0.25
        Assert.Equal(PowerBank.CategoryId, strict[2].Product.CategoryId); // weighed down, still there
    }

    [Fact]
    public void Decide_TwoOfAKindWhereSeveralAreNormal_TheSecondIsWeighedDownNotBanned()
    {
        var charger = Charger with { SeveralAreNormal = true };
        var bank = PowerBank with { SeveralAreNormal = true };
        var rules = new[] { Rule(Pixel, charger, 0.3), Rule(Pixel, bank, 0.3), Rule(Pixel, PixelCase, 0.25) };
        NextBestOfferEngine With(double penalty) =>
            Engine(products: [Pixel, PixelCase, charger, bank], rules: rules, settings: new EngineSettings { SameCategoryPenalty = penalty, MarginWeight = 0 });
        var strict = With(0.25).Decide(Customer([Bought(Pixel, 3)]), ContactChannel.Phone, Now).Offers;
        Assert.Equal(3, strict.Count);
        Assert.Equal(PixelCase.Id, strict[1].Product.Id); // 0.3 × √0.25 = 0.15 < 0.25: the case comes before the second charger
        var none = With(1).Decide(Customer([Bought(Pixel, 3)]), ContactChannel.Phone, Now).Offers;
        Assert.Equal(PixelCase.Id, none[2].Product.Id); // no penalty: both chargers first
    }

    [Fact]
    public void Decide_BusinessPriority_CanReorderOffers()
    {
        var byMargin = new EngineSettings { MarginWeight = 1 };
        var normal = Engine(rules: [Rule(Pixel, Headphones, 0.2), Rule(Pixel, PixelCase, 0.4)], settings: byMargin).Decide(Customer([Bought(Pixel, 3)]), ContactChannel.Phone, Now).Offers;
        Assert.Equal(Headphones.Id, normal[0].Product.Id); // 0.2-ish × 99 beats 0.4-ish × 28
        var pushed = Engine(products: [Pixel, Headphones, PixelCase with { BusinessPriority = 5 }], rules: [Rule(Pixel, Headphones, 0.2), Rule(Pixel, PixelCase, 0.4)], settings: byMargin)
            .Decide(Customer([Bought(Pixel, 3)]), ContactChannel.Phone, Now).Offers;
        Assert.Equal(PixelCase.Id, pushed[0].Product.Id);
    }

    [Fact]
    public void Decide_SameInputs_SameDecision()
    {
        var engine = Engine(rules: [Rule(Pixel, Charger, 0.3), Rule(Pixel, MemoryCard, 0.3), Rule(Pixel, PixelCase, 0.3)]);
        var customer = Customer([Bought(Pixel, 3)]);
        var a = engine.Decide(customer, ContactChannel.Phone, Now).Offers.Select(o => (o.Product.Id, o.Score));
        var b = engine.Decide(customer, ContactChannel.Phone, Now).Offers.Select(o => (o.Product.Id, o.Score));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Decide_NothingRelevant_SaysSoPlainly()
    {
        var decision = Engine().Decide(Customer([Bought(Pixel, 3)]), ContactChannel.Phone, Now);
        Assert.Equal(StopReason.NothingEligible, decision.Stop);
        Assert.StartsWith("Nothing relevant to offer right now", decision.StopTextEn);
    }

    [Fact]
    public void Estimate_PriorFromTheSegmentThenTheRuleThenTheCuratedDefault()
    {
        var favourite = new SegmentAffinity(7, "Urban tech fans", Headphones.Id, SegmentBuyers: 200, SegmentBuyersOfProduct: 60, OverallShare: 0.1);
        var engine = Engine(rules: [Rule(Pixel, PixelCase, 0.4), Rule(IPhone, PixelCase, 0.1)], affinities: [favourite]);

        var inSegment = engine.Estimate(Headphones.Id, 7);
        Assert.Equal((0.3, PriorSource.SegmentFavourite), (inSegment.Prior, inSegment.PriorSource));
        Assert.Equal(0.3, inSegment.Propensity, 10);                 // no evidence: the prior itself
        Assert.Equal((0.4, PriorSource.BoughtTogether), (engine.Estimate(PixelCase.Id, 0).Prior, engine.Estimate(PixelCase.Id, 0).PriorSource));
        Assert.Equal((0.15, PriorSource.Curated), (engine.Estimate(Charger.Id, 7).Prior, engine.Estimate(Charger.Id, 7).PriorSource));
    }

    [Fact]
    public void Estimate_LoggedOutcomes_MoveThePosteriorAtOnce()
    {
        var engine = Engine(rules: [Rule(Pixel, PixelCase, 0.4)]);
        // Prior 0.4 worth 20 outcomes: α = 8, β = 12. Then 10 accepted of 10 → 18 / 30 = 0.6.
        for (var i = 0; i < 10; i++) engine.Outcomes.Record(PixelCase.Id, [3], accepted: true);

        Assert.Equal(0.6, engine.Estimate(PixelCase.Id, 0).Propensity, 10);
        Assert.Equal(0.6, engine.Estimate(PixelCase.Id, 3).Propensity, 10);
        Assert.Equal(new OutcomeCounts(10, 10), engine.Estimate(PixelCase.Id, 3).Evidence);
        Assert.Equal(0.4, engine.Estimate(PixelCase.Id, 4).Propensity, 10); // another segment has seen nothing
    }

    [Fact]
    public void ContactPolicyValidator_RejectsZeroOffersPerContact() =>
        Assert.False(new ContactPolicyValidator().Validate(new ContactPolicy { MaxOffersPerContact = 0 }).IsValid);
}
