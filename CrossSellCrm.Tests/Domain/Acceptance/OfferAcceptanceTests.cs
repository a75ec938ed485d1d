using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Likelihood;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Acceptance;

/// <summary>
/// The app's acceptance model: learnt from its offer log, measured on the most recent answers, used by the engine for the
/// card's chance and the ranking where it knows the offer, the Beta count where it does not, and exploration logged.
/// </summary>
public class OfferAcceptanceTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    private static readonly CatalogProduct Phone = P(1, "PHONE", "Google Pixel 9", 10, 899, 610);
    private static readonly CatalogProduct Case = P(3, "CASE", "Pixel 9 Case", 11, 39, 11);
    private static readonly CatalogProduct Charger = P(4, "CHARGER", "Anker Charger", 12, 49, 19);
    private static readonly CatalogProduct Cable = P(5, "CABLE", "USB-C Cable", 13, 19, 8);

    private static CatalogProduct P(int id, string sku, string name, int category, decimal price, decimal cost) =>
        new(id, name, category, $"cat{category}", ProductKind.Physical, price, cost, true, false, [], 1) { Sku = sku };

    private static OfferProduct Offered(CatalogProduct p) => new(p.Id, p.Sku, p.CategoryId, p.CategoryName, (double)p.Price, (double)p.Margin);

    /// <summary>
    /// 1,200 customers who bought the phone, each offered the charger and the case two days later. Photographers (odd ids)
    /// accept the charger 70 % of the time, families 20 %; the case 40 % for everyone. The cable is offered only four times.
    /// </summary>
    private static OfferFeatureData Log(int customers = 1200, int cableOffers = 4)
    {
        var random = new Random(3);
        var offers = new List<DecidedOffer>();
        var people = new Dictionary<int, OfferCustomer>();
        var history = new List<HistoryLine>();
        for (var c = 1; c <= customers; c++)
        {
            var photo = c % 2 == 1;
            people[c] = new OfferCustomer(c, new DateOnly(1985, 3, 1), Gender.Female, IncomeBand.Middle, EducationLevel.Bachelor, "DE", null, photo ? "photo" : "family", []);
            var bought = Start.AddHours(c * 6);
            history.Add(new HistoryLine(c, c, Phone.Id, Phone.CategoryId, bought, 899));
            var at = bought.AddDays(2);
            var chargerFirst = random.Next(2) == 0;
            offers.Add(new DecidedOffer(2 * c, c, Charger.Id, Phone.Id, at, ContactChannel.Phone, chargerFirst ? 1 : 2, "rep", random.NextDouble() < (photo ? 0.7 : 0.2)));
            offers.Add(new DecidedOffer(2 * c + 1, c, Case.Id, Phone.Id, at.AddMinutes(1), ContactChannel.Phone, chargerFirst ? 2 : 1, "rep", random.NextDouble() < 0.4));
        }
        for (var i = 0; i < cableOffers; i++) offers.Add(new DecidedOffer(10_000 + i, 1 + i, Cable.Id, null, Start.AddHours(6 * (i + 1)).AddDays(3), ContactChannel.Phone, 1, "rep", true));
        var products = new[] { Phone, Case, Charger, Cable }.ToDictionary(p => p.Id, Offered);
        return new OfferFeatureData(offers.OrderBy(o => o.At).ToList(), people, products, history);
    }

    // Trees, as the app trains them (the charger's lifestyle split is an interaction an additive model cannot learn), one depth to be quick.
    private static readonly AcceptanceSettings Fast = new() { DepthGrid = [3], MaxTrees = 150 };

    private static OfferAcceptance Train(OfferFeatureData? log = null, AcceptanceUse? use = null) =>
        OfferAcceptanceTrainer.Train(log ?? Log(), use ?? new AcceptanceUse(), Fast, Now)!;

    [Fact]
    public void Train_LearnsWhoAccepts_AndMeasuresOnTheMostRecentAnswers()
    {
        var model = Train();
        var report = model.Report;
        Assert.True(report.Serves);
        Assert.Equal(2404, report.TrainRows + report.HeldOutRows);
        Assert.Equal(481, report.HeldOutRows); // the most recent fifth, learnt from by nothing
        // The charger's 70 / 20 split and the case's 40 % for all: the true chances themselves reach an AUC of 0.692.
        Assert.InRange(report.Auc!.Value, 0.62, 0.75);
        Assert.True(report.AucLow < report.Auc && report.Auc < report.AucHigh);
        Assert.True(report.Brier < report.BaseRateBrier);
        Assert.Equal(10, report.Reliability.Count);
        Assert.Contains(report.TopFeatures.Take(3), f => f.Column == "lifestyle");
        Assert.DoesNotContain(report.TopFeatures, f => f.Column is "rep" or "rank"); // who offered, and where the engine itself put it

        var photographer = new OfferMoment(Log().Customers[1], [new HistoryLine(1, 1, Phone.Id, Phone.CategoryId, Now.AddDays(-2), 899)], [], Now);
        var family = new OfferMoment(Log().Customers[2], [new HistoryLine(2, 2, Phone.Id, Phone.CategoryId, Now.AddDays(-2), 899)], [], Now);
        var p1 = model.Probability(photographer, Offered(Charger), Phone.Id, ContactChannel.Phone);
        var p2 = model.Probability(family, Offered(Charger), Phone.Id, ContactChannel.Phone);
        Assert.InRange(p1, 0.55, 0.85);
        Assert.InRange(p2, 0.08, 0.35);
    }

    [Fact]
    public void Stats_PerOffer_EvidenceAndHeldOutAuc()
    {
        var model = Train();
        var charger = model.Offers[Charger.Id];
        Assert.Equal(1200, charger.Decided + charger.HeldOut);
        Assert.InRange(charger.HeldOutAuc!.Value, 0.65, 0.85);
        Assert.InRange(charger.Observed!.Value - charger.Predicted!.Value, -0.08, 0.08); // calibrated on this offer too
        Assert.Null(model.Offers[Cable.Id].HeldOutAuc); // four answers, all early: nothing held out to measure on
    }

    [Fact]
    public void Fallback_BelowTheModelsPositives_NoOfferUsesTheModel()
    {
        var model = Train(use: new AcceptanceUse { MinPositives = 100_000 });
        Assert.False(model.Report.Serves);
        Assert.False(model.Knows(Charger.Id));
    }

    [Fact]
    public void Fallback_AnOfferWithTooFewAcceptances_KeepsItsBetaCount()
    {
        var model = Train();
        Assert.True(model.Knows(Charger.Id));
        Assert.False(model.Knows(Cable.Id)); // 4 accepted < 10
        Assert.False(model.Knows(999));      // never offered
    }

    [Fact]
    public void Train_TooFewOffers_LearnsNothing() => Assert.Null(OfferAcceptanceTrainer.Train(Log(customers: 20, cableOffers: 0), new AcceptanceUse(), Fast, Now));

    [Fact]
    public void Facts_TheStrongestSaysWhatTheModelWeighs_WithItsNumbers()
    {
        var model = Train();
        var photographer = new OfferMoment(Log().Customers[1], [new HistoryLine(1, 1, Phone.Id, Phone.CategoryId, Now.AddDays(-2), 899)], [], Now);
        var fact = model.Facts.Strongest(Charger.Id, Facet.Of(photographer, Offered(Charger), Phone.Id, ContactChannel.Phone));
        Assert.NotNull(fact);
        Assert.Equal(new Facet(FacetKind.Lifestyle, "photo"), fact.Facet);
        Assert.InRange(fact.Lift, 2.5, 4.5); // 70 % against 20 %
        Assert.True(fact.Offers >= AcceptanceFacts.MinOffers);
        var family = new OfferMoment(Log().Customers[2], [], [], Now);
        Assert.Null(model.Facts.Strongest(Charger.Id, Facet.Of(family, Offered(Charger), null, ContactChannel.Phone))); // families accept less: nothing to boast of
    }

    [Fact]
    public void Weights_AnExploredOfferCountsByTheInverseOfItsChanceToBeShown()
    {
        var log = Log();
        var offers = log.Offers.Select((o, i) => i % 10 == 0 ? o with { ShownProbability = 0.04 } : o with { ShownProbability = 0.98 + 0.02 * 0.04 }).ToList();
        var model = OfferAcceptanceTrainer.Train(log with { Offers = offers }, new AcceptanceUse(), Fast, Now)!;
        Assert.Equal(241, model.Report.ExploredRows); // every tenth of 2,404 weighs 1/0.04 = 25, capped at 20; the ranking's own picks about 1
        // The weights reach the learner: the same rows, weighted, learn another model.
        var moment = new OfferMoment(log.Customers[1], [new HistoryLine(1, 1, Phone.Id, Phone.CategoryId, Now.AddDays(-2), 899)], [], Now);
        var unweighted = Train(log).Probability(moment, Offered(Charger), Phone.Id, ContactChannel.Phone);
        Assert.NotEqual(unweighted, model.Probability(moment, Offered(Charger), Phone.Id, ContactChannel.Phone), 4);
    }

    // The engine: the same features at decision time as in the export, the model's chance on the card, the Beta count where it does not know.

    private static NextBestOfferEngine Engine(OfferAcceptance? acceptance, EngineSettings? settings = null) =>
        new NextBestOfferEngine([Phone, Case, Charger, Cable], [],
            new RuleBook([Rule(Case, 0.5), Rule(Charger, 0.45), Rule(Cable, 0.44)], 1000, new MiningOptions(), Now, TimeSpan.Zero),
            [], new OutcomeLedger(new Dictionary<(int, int), OutcomeCounts> { [(Cable.Id, 0)] = new(4, 4) }), settings ?? new EngineSettings()).With(acceptance);

    private static ProductRule Rule(CatalogProduct to, double confidence) => new([Phone.Id], to.Id, 333, 0.05, confidence, 3.2, 0.01, 1.2);

    private static CustomerSnapshot Customer(int id, string lifestyle) =>
        new(id, [new Purchase(Phone.Id, Now.AddDays(-2), 7, 899)], [], [], [], new HashSet<ContactChannel> { ContactChannel.Phone },
            new CustomerAttributes(id, new DateOnly(1985, 3, 1), Gender.Female, IncomeBand.Middle, EducationLevel.Bachelor, "DE", null,
                new CrossSellCrm.Domain.Recommendations.Likelihood.TagName(lifestyle, lifestyle, lifestyle), [], []));

    [Fact]
    public void Engine_TheCardsChanceIsTheModelsForTheSameFeaturesAsTheExport()
    {
        var model = Train();
        var decision = Engine(model).Decide(Customer(1, "photo"), ContactChannel.Phone, Now);
        var charger = decision.Offers.Single(o => o.Product.Id == Charger.Id);
        Assert.Equal(ChanceSource.Model, charger.ChanceSource);
        // The export's path: the same customer and moment, through OfferFeatures.Moments.
        var log = new OfferFeatureData([new DecidedOffer(1, 1, Charger.Id, Phone.Id, Now, ContactChannel.Phone, charger.Rank, null, false)],
            new Dictionary<int, OfferCustomer> { [1] = Log().Customers[1] }, Log().Products, [new HistoryLine(1, 7, Phone.Id, Phone.CategoryId, Now.AddDays(-2), 899)]);
        var (offer, moment, product) = OfferFeatures.Moments(log.Offers, log.Customers, log.Products, log.History).Single();
        Assert.Equal(model.Probability(moment, product, offer.AnchorProductId, offer.Channel), charger.Chance, 12);
        // The cable: too few acceptances for the model, so its Beta count (prior 0.44 × 20 + 4 of 4) speaks.
        var cable = decision.Offers.Single(o => o.Product.Id == Cable.Id);
        Assert.Equal(ChanceSource.Posterior, cable.ChanceSource);
        Assert.Equal((0.44 * 20 + 4) / 24, cable.Chance, 6);
    }

    [Fact]
    public void Engine_TheModelReRanks_APhotographerGetsTheChargerFirst_AFamilyTheCase()
    {
        var engine = Engine(Train());
        Assert.Equal(Charger.Id, engine.Decide(Customer(1, "photo"), ContactChannel.Phone, Now).Offers[0].Product.Id);
        Assert.Equal(Case.Id, engine.Decide(Customer(2, "family"), ContactChannel.Phone, Now).Offers[0].Product.Id);
        // Shown, not used: the likelihood's order (the case's rule is the strongest) for both.
        var shownOnly = Engine(OfferAcceptanceTrainer.Train(Log(), new AcceptanceUse { RankingWeight = 0 }, Fast, Now));
        Assert.Equal(Case.Id, shownOnly.Decide(Customer(1, "photo"), ContactChannel.Phone, Now).Offers[0].Product.Id);
    }

    [Fact]
    public void Engine_WithoutAModel_EveryChanceIsTheBetaCount()
    {
        var decision = Engine(null).Decide(Customer(1, "photo"), ContactChannel.Phone, Now);
        Assert.All(decision.Offers, o => Assert.Equal(ChanceSource.Posterior, o.ChanceSource));
        Assert.All(decision.Offers, o => Assert.Equal(1, o.ShownProbability)); // no exploration: the ranking's picks, surely shown
    }

    [Fact]
    public void Engine_TheReasonNamesTheStrongestFactInPlainWords()
    {
        var charger = Engine(Train()).Decide(Customer(1, "photo"), ContactChannel.Phone, Now).Offers.Single(o => o.Product.Id == Charger.Id);
        var reason = Assert.Single(charger.Reasons, r => r.Kind == ReasonKind.AcceptedMoreOften);
        Assert.StartsWith("Lifestyle “photo”: the Anker Charger is accepted", reason.TextEn);
        Assert.Contains("as often as by the others", reason.TextEn);
        Assert.StartsWith("Lebensstil „photo“: Anker Charger wird", reason.TextDe);
    }

    [Fact]
    public void Exploration_ASharedOfDecisions_DrawsAtRandomFromTheWindow_AndLogsTheChanceOfBeingShown()
    {
        var engine = Engine(Train(), new EngineSettings { ExplorationShare = 0.1 });
        var decisions = Enumerable.Range(1, 3000).Select(c => engine.Decide(Customer(c, "photo"), ContactChannel.Phone, Now.AddMinutes(c))).ToList();
        var explored = decisions.Count(d => d.Offers[0].Explored);
        Assert.InRange(explored, 240, 360); // 10 % of 3,000, within ±4 standard deviations
        // Three candidates, three slots: every offer is shown either way, so its chance of being shown is 1.
        Assert.All(decisions.SelectMany(d => d.Offers), o => Assert.Equal(1, o.ShownProbability!.Value, 9));
        // Same customer, same moment: the same draw (the engine stays a pure function of its inputs).
        Assert.Equal(decisions[7].Offers.Select(o => o.Product.Id), engine.Decide(Customer(8, "photo"), ContactChannel.Phone, Now.AddMinutes(8)).Offers.Select(o => o.Product.Id));
    }

    [Fact]
    public void Exploration_WithMoreCandidatesThanSlots_TheRankingsPicksAndTheDrawnOnesLogTheirChance()
    {
        var engine = Engine(Train(), new EngineSettings { ExplorationShare = 0.2, Policy = new ContactPolicy { MaxOffersPerContact = 1 } });
        var offers = Enumerable.Range(1, 2000).Select(c => engine.Decide(Customer(c, "photo"), ContactChannel.Phone, Now.AddMinutes(c)).Offers.Single()).ToList();
        // One slot, three in the window: the ranking's pick is shown with 0.8 + 0.2 / 3, any other only when drawn, 0.2 / 3.
        var greedy = offers.Where(o => !o.Explored).Select(o => o.Product.Id).Distinct().Single();
        Assert.All(offers.Where(o => o.Product.Id == greedy), o => Assert.Equal(0.8 + 0.2 / 3, o.ShownProbability!.Value, 9));
        Assert.All(offers.Where(o => o.Product.Id != greedy), o => Assert.Equal(0.2 / 3, o.ShownProbability!.Value, 9));
        Assert.InRange(offers.Count(o => o.Product.Id != greedy), 200, 340); // 2,000 × 0.2 × 2/3 ≈ 267
    }
}
