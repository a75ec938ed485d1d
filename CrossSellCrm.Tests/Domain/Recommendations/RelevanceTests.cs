using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

/// <summary>The relevance rules, one at a time: what a customer cannot want is never offered, whatever the evidence for it.</summary>
public class RelevanceTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    private static CatalogProduct P(int id, string name, int category, string[]? tags = null, bool repeatable = false, bool several = false,
        ProductKind kind = ProductKind.Physical, double? repurchase = null) =>
        new(id, name, category, $"cat{category}", kind, 100, 40, true, repeatable, tags ?? [], 1, SeveralAreNormal: several, RepurchaseDays: repurchase);

    private static readonly CatalogProduct Pixel = P(1, "Google Pixel 9", 10, ["fits:pixel-9"]);
    private static readonly CatalogProduct IPhone = P(2, "Apple iPhone 16", 10, ["fits:iphone-16"]);
    private static readonly CatalogProduct PixelCase = P(3, "Pixel 9 Case", 11, ["fits:pixel-9"]);
    private static readonly CatalogProduct IPhoneCase = P(4, "iPhone 16 Case", 11, ["fits:iphone-16"]);
    private static readonly CatalogProduct Pela = P(5, "Pela Case", 11, ["fits:pixel-9", "fits:iphone-16"]);
    private static readonly CatalogProduct Bose = P(6, "Bose QuietComfort", 14);
    private static readonly CatalogProduct Sony = P(7, "Sony WH-1000XM5", 14);
    private static readonly CatalogProduct Tripod = P(8, "Peak Design Tripod", 15);
    private static readonly CatalogProduct Manfrotto = P(9, "Manfrotto Befree", 15);
    private static readonly CatalogProduct Card = P(10, "SanDisk 128 GB", 16, repeatable: true, several: true, repurchase: 60);
    private static readonly CatalogProduct Card256 = P(11, "Lexar 256 GB", 16, repeatable: true, several: true);
    private static readonly CatalogProduct Gym = P(12, "FitClub Membership", 20, kind: ProductKind.SubscriptionPlan);
    private static readonly CatalogProduct GymPremium = P(13, "FitClub Premium", 20, kind: ProductKind.SubscriptionPlan);
    private static readonly CatalogProduct Training = P(14, "Personal Training", 21, kind: ProductKind.AddOn);

    private static readonly CatalogProduct[] Catalogue = [Pixel, IPhone, PixelCase, IPhoneCase, Pela, Bose, Sony, Tripod, Manfrotto, Card, Card256, Gym, GymPremium, Training];

    private static NextBestOfferEngine Engine(IEnumerable<CuratedComplement> curated, params ProductRule[] rules) =>
        new(Catalogue, curated, new RuleBook(rules.ToList(), 1000, new MiningOptions(), Now, TimeSpan.Zero), [], new OutcomeLedger(),
            new EngineSettings { Policy = new ContactPolicy { MaxOffersPerContact = 10 }, SameCategoryPenalty = 1 });

    private static ProductRule Rule(CatalogProduct from, CatalogProduct to) => new([from.Id], to.Id, 300, 0.05, 0.5, 3, 0.01, 1.2);

    private static CustomerSnapshot Customer(Purchase[] purchases, int[]? plans = null, PastOffer[]? offers = null) =>
        new(42, purchases, plans ?? [], [], offers ?? [], new HashSet<ContactChannel> { ContactChannel.Phone });

    private static Purchase Bought(CatalogProduct p, int daysAgo) => new(p.Id, Now.AddDays(-daysAgo));

    private static IReadOnlyList<int> Offered(NextBestOfferEngine engine, CustomerSnapshot customer) =>
        engine.Decide(customer, ContactChannel.Phone, Now).Offers.Select(o => o.Product.Id).ToList();

    [Fact]
    public void Substitute_AnOwnedPairOfHeadphonesOrTripod_KeepsTheOthersOut()
    {
        var engine = Engine([], Rule(Pixel, Sony), Rule(Pixel, Bose), Rule(Pixel, Manfrotto));
        var offered = Offered(engine, Customer([Bought(Pixel, 20), Bought(Bose, 10), Bought(Tripod, 3)]));
        Assert.DoesNotContain(Sony.Id, offered);       // has headphones
        Assert.DoesNotContain(Manfrotto.Id, offered);  // has a tripod
        var without = Offered(engine, Customer([Bought(Pixel, 20)]));
        Assert.Contains(Sony.Id, without); // without headphones they may be offered
    }

    [Fact]
    public void Replacement_OnceWhatTheyOwnIsAsOldAsThatKindIsReplacedAt_AndTheCardSaysSo()
    {
        // Headphones are replaced after 500 days (learned per category by the engine's index): Sony is a second pair for
        // the customer whose Bose are 300 days old, and the replacement for the one whose Bose are 600 days old.
        var catalogue = Catalogue.Select(p => p.CategoryId == Bose.CategoryId ? p with { ReplacementDays = 500 } : p).ToList();
        var engine = new NextBestOfferEngine(catalogue, [], new RuleBook([Rule(Pixel, Sony)], 1000, new MiningOptions(), Now, TimeSpan.Zero), [], new OutcomeLedger(),
            new EngineSettings { Policy = new ContactPolicy { MaxOffersPerContact = 10 }, SameCategoryPenalty = 1 });
        Assert.DoesNotContain(Sony.Id, Offered(engine, Customer([Bought(Pixel, 20), Bought(Bose, 300)])));
        var old = Customer([Bought(Pixel, 20), Bought(Bose, 600)]);
        var offer = Assert.Single(engine.Decide(old, ContactChannel.Phone, Now).Offers, o => o.Product.Id == Sony.Id);
        Assert.Contains(offer.Reasons, r => r.Kind == ReasonKind.Timing && r.TextEn.StartsWith("Their Bose QuietComfort is 600 days old") && r.TextDe.Contains("600 Tage"));
        // Its talking points start from what it replaces, not from the phone the model anchored on, in months, not days.
        Assert.Equal(Bose.Id, offer.Replaces?.Product.Id);
        Assert.Equal(600, offer.Replaces?.Days);
        for (var rank = 1; rank <= 3; rank++)
        {
            var card = offer with { Rank = rank };
            var en = TalkingPointWriter.Write(card, Listener.Unknown, "en").Opener;
            var de = TalkingPointWriter.Write(card, Listener.Unknown, "de").Opener;
            Assert.Contains("Bose QuietComfort", en);
            Assert.Contains("20 months", en);
            Assert.DoesNotContain("Pixel", en);
            Assert.Contains("Bose QuietComfort", de);
            Assert.Contains("20 Monat", de);
            Assert.DoesNotContain("Pixel", de);
            Assert.Empty(PressureLint.Find(en, "en").Concat(PressureLint.Find(de, "de")));
        }
        // A kind without a learned replacement age stays a substitute however old (tripods here).
        Assert.DoesNotContain(Manfrotto.Id, Offered(Engine([], Rule(Pixel, Manfrotto)), Customer([Bought(Pixel, 20), Bought(Tripod, 2000)])));
        // "Already has one" still keeps the kind out.
        var declined = Customer([Bought(Pixel, 20), Bought(Bose, 600)], offers: [new PastOffer(Sony.Id, Now.AddDays(-5), OfferOutcome.Declined, null, DeclineReason.AlreadyOwned)]);
        Assert.DoesNotContain(Sony.Id, Offered(engine, declined));
    }

    [Fact]
    public void Substitute_ACaseOnlyForAPhoneThatHasNone()
    {
        var engine = Engine([], Rule(Pixel, PixelCase), Rule(Pixel, Pela), Rule(IPhone, IPhoneCase));
        Assert.DoesNotContain(Pela.Id, Offered(engine, Customer([Bought(Pixel, 5), Bought(PixelCase, 4)])));   // the Pixel has a case
        var twoPhones = Offered(engine, Customer([Bought(Pixel, 5), Bought(IPhone, 30), Bought(IPhoneCase, 29)]));
        Assert.Contains(PixelCase.Id, twoPhones);       // the iPhone's case does not protect the Pixel
        Assert.DoesNotContain(IPhoneCase.Id, twoPhones); // owned
    }

    [Fact]
    public void SeveralAreNormal_AnotherMemoryCardIsNoSubstitute_ButARepeatableWaitsUntilDue()
    {
        var engine = Engine([], Rule(Pixel, Card), Rule(Pixel, Card256));
        var offered = Offered(engine, Customer([Bought(Pixel, 20), Bought(Card, 3)]));
        Assert.Contains(Card256.Id, offered);           // a second card is normal
        Assert.DoesNotContain(Card.Id, offered);        // the same card, bought three days ago: not due (60 days)
        Assert.Contains(Card.Id, Offered(engine, Customer([Bought(Pixel, 80), Bought(Card, 55)]))); // due again: 55 ≥ 0.8 × 60
    }

    [Fact]
    public void Subscriptions_OnlyAnActivePlanAnchorsItsAddOns()
    {
        var curated = new[] { new CuratedComplement(Gym.Id, Training.Id, RelationKind.AddOn, null) };
        var engine = Engine(curated);
        Assert.Contains(Training.Id, Offered(engine, Customer([Bought(Gym, 40)], plans: [Gym.Id])));
        var cancelled = engine.Decide(Customer([Bought(Gym, 40)], plans: []), ContactChannel.Phone, Now);
        Assert.DoesNotContain(cancelled.Offers, o => o.Product.Id == Training.Id);   // "Since you have FitClub…" for a plan they left: no
        Assert.DoesNotContain(cancelled.Offers, o => o.Anchor?.Id == Gym.Id);
        Assert.DoesNotContain(Gym.Id, Offered(Engine(curated, Rule(Training, Gym)), Customer([Bought(Gym, 400), Bought(Training, 300)])));  // nor the plan they left
    }

    [Fact]
    public void Upgrade_OfAnOwnedPlan_IsNoSubstitute()
    {
        var engine = Engine([new CuratedComplement(Gym.Id, GymPremium.Id, RelationKind.Upgrade, null)]);
        Assert.Contains(GymPremium.Id, Offered(engine, Customer([Bought(Gym, 40)], plans: [Gym.Id])));
    }

    [Fact]
    public void DeclinedWithAlreadyHasOne_KeepsThatKindOutForAWhile()
    {
        var engine = Engine([], Rule(Pixel, Sony), Rule(Pixel, Bose));
        var declined = new PastOffer(Sony.Id, Now.AddDays(-10), OfferOutcome.Declined, Reason: DeclineReason.AlreadyOwned);
        Assert.DoesNotContain(Bose.Id, Offered(engine, Customer([Bought(Pixel, 40)], offers: [declined]))); // next card: not other headphones
        Assert.Contains(Bose.Id, Offered(engine, Customer([Bought(Pixel, 400)], offers: [declined with { At = Now.AddDays(-200) }])));
        var tooExpensive = declined with { Reason = DeclineReason.TooExpensive };
        Assert.Contains(Bose.Id, Offered(engine, Customer([Bought(Pixel, 40)], offers: [tooExpensive])));  // only "already has one" says so
    }

    [Theory]
    [InlineData(0, Irrelevance.Owned)]
    [InlineData(1, Irrelevance.Substitute)]
    [InlineData(2, Irrelevance.Incompatible)]
    [InlineData(3, Irrelevance.None)]
    public void Possessions_SayWhy(int which, Irrelevance expected)
    {
        var candidate = new[] { Bose, Sony, IPhoneCase, Card256 }[which];
        var engine = Engine([]);
        Assert.Equal(expected, engine.RelevanceOf(Customer([Bought(Pixel, 20), Bought(Bose, 10), Bought(Card, 100)]), candidate.Id, Now));
    }
}
