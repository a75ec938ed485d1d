using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Tests.Domain;

/// <summary>The dashboard's maths on a cube small enough to count by hand (expected numbers written out, not computed).</summary>
public class KpiDashboardTests
{
    private static int D(int month, int day) => new DateOnly(2026, month, day).DayNumber;

    // Categories: 1 phones, 2 cases, 3 headphones. Products: 10 phone, 20 case, 30 headphones, 31 cable (headphones, given away at 0).
    // Customers: 1 (rep A, segment 7), 2 (rep B, segments 7 and 8), 3 (rep A, none), 4 (rep B, segment 8).
    private static readonly KpiCube Cube = new(
        AllSales(), AllOffers(),
        [new(-1, 0), new(0, 0b01), new(1, 0b11), new(0, 0), new(1, 0b10)],
        [(7, "Tech fans"), (8, "Students")], [("rep-a", "Anna"), ("rep-b", "Ben")],
        new Dictionary<int, string> { [1] = "Phones", [2] = "Cases", [3] = "Headphones" },
        new Dictionary<int, string> { [10] = "Phone", [20] = "Case", [30] = "Headphones", [31] = "Cable" },
        [(10, 20)]);

    private static readonly DateOnly Today = new(2026, 12, 31);
    private static readonly KpiFilter November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1));

    [Fact]
    public void Compute_November_HandCountedFigures()
    {
        var r = KpiDashboard.Compute(Cube, November, Today).Current;
        Assert.Equal(1760m, r.Revenue);                 // 530 + 500 + 30 + 200 + 0 − 200 + 200 + 500
        Assert.Equal(6, r.Orders);                      // 100, 101, 102, 103, 105, 106 (104 is a refund)
        Assert.Equal(1760m / 6, r.AverageOrderValue);
        Assert.Equal(8.0 / 6, r.BasketSize);            // 2 + 1 + 1 + 2 + 1 + 1 lines
        Assert.Equal(4, r.Buyers);
        Assert.Equal(2, r.CrossBuyers);                 // 1 (phone + case), 2 (three categories); not 3 (headphones only) nor 4 (phone only)
        Assert.Equal(0.5, r.CrossSellingRate);
        Assert.Equal((2, 1), (r.OffersPresented, r.OffersAccepted));
        Assert.Equal(200m, r.CrossSellRevenue);
        Assert.Equal((3, 2), (r.AnchorPurchases, r.Attached)); // phones of 1, 2 and 4; 4's case came after 32 days
        Assert.Equal(515m / 4, r.HistoricalClv);        // all-time margin: 200, 200, −5, 120
    }

    [Fact]
    public void Compute_PreviousPeriodAndGrowth()
    {
        var r = KpiDashboard.Compute(Cube, November, Today);
        Assert.Equal(new DateOnly(2026, 10, 2), r.Filter.Previous.From);
        Assert.Equal(200m, r.Previous.Revenue);
        Assert.Equal((1, 0), (r.Previous.Buyers, r.Previous.CrossBuyers)); // customer 3 accepted an offer but bought nothing in October
        Assert.Equal((1, 1), (r.Previous.OffersPresented, r.Previous.OffersAccepted));
        Assert.Equal(7.8, KpiFormulas.Growth(r.Current.Revenue, r.Previous.Revenue));
    }

    [Fact]
    public void Compute_SegmentFilter_KeepsItsCustomers()
    {
        var r = KpiDashboard.Compute(Cube, November with { Segments = new HashSet<int> { 7 } }, Today);
        Assert.Equal(1260m, r.Current.Revenue);         // customers 1 and 2
        Assert.Equal(4, r.Current.Orders);
        Assert.Equal([7], r.CrossSellingBySegment.Select(s => s.SegmentId));
        Assert.Equal((2, 2), (r.CrossSellingBySegment[0].Buyers, r.CrossSellingBySegment[0].CrossBuyers));
    }

    [Fact]
    public void Compute_CategoryFilter_CountsItsLinesAndTheirBuyersOtherPurchases()
    {
        var r = KpiDashboard.Compute(Cube, November with { Categories = new HashSet<int> { 3 } }, Today).Current;
        Assert.Equal(200m, r.Revenue);                  // 200 + 0 − 200 + 200
        Assert.Equal(2, r.Orders);                      // 103 and 105
        Assert.Equal((2, 1), (r.Buyers, r.CrossBuyers)); // 2 also bought a phone and a case; 3 only headphones
        Assert.Equal((2, 1), (r.OffersPresented, r.OffersAccepted));
    }

    [Fact]
    public void Compute_RepFilter_SalesByAssignedRepOffersByPresentingRep()
    {
        var r = KpiDashboard.Compute(Cube, November with { Reps = new HashSet<string> { "rep-b" } }, Today);
        Assert.Equal(1230m, r.Current.Revenue);         // customers 2 (500 + 30 + 200) and 4 (500)
        Assert.Equal((1, 1), (r.Current.OffersPresented, r.Current.OffersAccepted));
        Assert.Equal(["Ben"], r.FunnelByRep.Select(f => f.Name));
    }

    [Fact]
    public void Compute_EmptyPeriod_NoDivisionByZero()
    {
        var r = KpiDashboard.Compute(Cube, new KpiFilter(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1)), Today).Current;
        Assert.Equal(0m, r.Revenue);
        Assert.Null(r.AverageOrderValue);
        Assert.Null(r.CrossSellingRate);
        Assert.Null(r.OfferConversion);
        Assert.Null(r.AttachRate);
        Assert.Null(r.BasketSize);
        Assert.Null(r.HistoricalClv);
    }

    [Fact]
    public void Timeline_WeeksCutByTheRangeOrNotOverYet_ArePartial()
    {
        // 1–30 November 2026: Sunday 1 Nov lies in the week of Monday 26 Oct; Monday 30 Nov starts a week the range cuts.
        var weeks = KpiDashboard.Compute(Cube, November, Today).Timeline;
        Assert.Equal([true, false, false, false, false, true], weeks.Select(w => w.Partial));
        // The same range seen on 18 November: the week of 16 November is not over, the later ones have not begun.
        var soFar = KpiDashboard.Compute(Cube, November, new DateOnly(2026, 11, 18)).Timeline;
        Assert.Equal([true, false, false, true, true, true], soFar.Select(w => w.Partial));
    }

    [Fact]
    public void Compute_Widgets_HandCounted()
    {
        var r = KpiDashboard.Compute(Cube, November, Today);
        Assert.Equal(TimeBucket.Week, r.Bucket);
        Assert.Equal(1760m, r.Timeline.Sum(t => t.Revenue));
        Assert.Equal(new DateOnly(2026, 10, 26), r.Timeline[0].Start);      // the Monday of the week of 1 November
        Assert.Equal([("Anna", 1, 0), ("Ben", 1, 1)], r.FunnelByRep.Select(f => (f.Name, f.Presented, f.Accepted)));
        Assert.Empty(r.TopPairs);                                             // 3 anchor buyers: too few to rank a pair
        var pair = Assert.Single(KpiDashboard.Compute(Cube, November, Today, minPairBuyers: 1).TopPairs);
        Assert.Equal((3, 2), (pair.AnchorBuyers, pair.Attached));
        Assert.Equal(2.0 / 3 / (2.0 / 4), pair.Lift!.Value, 10);              // case buyers in November: 1 and 2 of 4 buyers
        Assert.Equal([("Headphones", 2, 1)], r.ConversionByProduct.Select(p => (p.Name, p.Presented, p.Accepted)));
    }

    [Fact]
    public void DrillDown_SegmentAndPair_ListTheCustomersBehindTheNumber()
    {
        var students = KpiDashboard.CustomersBehind(Cube, November, Today, DrillWidget.Segment, 8);
        Assert.Equal([(2, true), (4, false)], students.OrderBy(s => s.CustomerId).Select(s => (s.CustomerId, s.Counts)));
        Assert.Equal(730m, students.Single(s => s.CustomerId == 2).Revenue);

        var pair = KpiDashboard.CustomersBehind(Cube, November, Today, DrillWidget.Pair, 0);
        Assert.Equal([(1, true), (2, true), (4, false)], pair.OrderBy(p => p.CustomerId).Select(p => (p.CustomerId, p.Counts)));

        Assert.Equal([3L], KpiDashboard.OffersBehind(Cube, November, DrillWidget.Rep, 1));
        Assert.Equal([2L, 3L], KpiDashboard.OffersBehind(Cube, November, DrillWidget.Product, 30));
    }

    [Fact]
    public void Quantile_Type7() =>
        Assert.Equal([1.75m, 2.5m, 3.25m], new[] { 0.25, 0.5, 0.75 }.Select(q => KpiDashboard.Quantile([1m, 2m, 3m, 4m], q)));

    [Fact]
    public void With_AppendedFacts_CountAtOnce()
    {
        var cube = Cube.With([new SaleFact(200, 3, D(11, 30), 20, 2, 30, 20, 1)], [new OfferFact(9, 3, D(11, 30), 20, 2, 0, OfferOutcome.Accepted)]);
        var r = KpiDashboard.Compute(cube, November, Today).Current;
        Assert.Equal(1790m, r.Revenue);
        Assert.Equal(3, r.CrossBuyers);                 // customer 3 now bought a case too
        Assert.Equal((3, 2), (r.OffersPresented, r.OffersAccepted));
        Assert.Equal(1760m, KpiDashboard.Compute(Cube, November, Today).Current.Revenue); // the old cube is untouched
    }

    [Fact]
    public void ConversionByChannel_CountsEachChannelsOffers_CampaignMailsApart()
    {
        var cube = Cube.With([], [
            new OfferFact(10, 3, D(11, 20), 20, 2, -1, OfferOutcome.NoAnswer, ContactChannel.Email),
            new OfferFact(11, 4, D(11, 21), 20, 2, -1, OfferOutcome.Accepted, ContactChannel.Email),
            new OfferFact(12, 2, D(11, 22), 20, 2, -1, OfferOutcome.NoAnswer, ContactChannel.Email),
            new OfferFact(13, 2, D(10, 22), 20, 2, -1, OfferOutcome.Accepted, ContactChannel.Email), // before the period
        ]);
        var r = KpiDashboard.Compute(cube, November, Today);
        var email = r.ConversionByChannel.Single(c => c.Channel == ContactChannel.Email);
        Assert.Equal((3, 1), (email.Presented, email.Accepted));
        var others = r.ConversionByChannel.Where(c => c.Channel != ContactChannel.Email).ToList();
        Assert.Equal(KpiDashboard.Compute(Cube, November, Today).Current.OffersPresented, others.Sum(c => c.Presented));
    }

    [Fact]
    public void AttachRateFromTheShop_ClicksPerImpression_InThePeriod_AndItsCategories()
    {
        var cube = new KpiCube([], [], [], [], [], new Dictionary<int, string>(), new Dictionary<int, string>(), [])
        {
            ShopWidget = [
                new WidgetFact(D(10, 30), 20, 2, false),                                         // the previous period
                new WidgetFact(D(11, 2), 20, 2, false), new WidgetFact(D(11, 2), 30, 3, false), new WidgetFact(D(11, 3), 20, 2, false),
                new WidgetFact(D(11, 3), 20, 2, true),
            ],
        }.With([], []); // appending facts keeps them
        var r = KpiDashboard.Compute(cube, November, Today);
        Assert.Equal((3, 1), (r.FromTheShop.Impressions, r.FromTheShop.Clicks));
        Assert.Equal(1 / 3.0, r.FromTheShop.ClickRate!.Value, 9);
        Assert.Equal(1, r.FromTheShopBefore.Impressions);
        var phones = KpiDashboard.Compute(cube, November with { Categories = new HashSet<int> { 3 } }, Today).FromTheShop;
        Assert.Equal((1, 0), (phones.Impressions, phones.Clicks));
    }

    [Fact]
    public void WithSegment_ASavedSegmentCountsAtOnce_ADeletedOneDisappears()
    {
        var saved = Cube.WithSegment(9, "Phone buyers", [2, 4]);
        var r = KpiDashboard.Compute(saved, November with { Segments = new HashSet<int> { 9 } }, Today);
        Assert.Equal(1230m, r.Current.Revenue);          // customers 2 and 4
        Assert.Equal(["Phone buyers"], r.CrossSellingBySegment.Select(s => s.Name));
        Assert.Equal(1260m, KpiDashboard.Compute(saved, November with { Segments = new HashSet<int> { 7 } }, Today).Current.Revenue); // others unchanged

        var deleted = saved.WithSegment(9, "Phone buyers", null);
        Assert.DoesNotContain(KpiDashboard.Compute(deleted, November, Today).CrossSellingBySegment, s => s.SegmentId == 9);
        Assert.Equal(0m, KpiDashboard.Compute(deleted, November with { Segments = new HashSet<int> { 9 } }, Today).Current.Revenue);
    }

    [Fact]
    public void DerivedCubes_GiveTheSameFiguresAsACubeBuiltFromScratch()
    {
        var today = new DateOnly(2026, 11, 30);
        var december = new KpiFilter(new DateOnly(2026, 11, 1), today.AddDays(1));
        KpiDashboard.Compute(Cube, december, today); // the parent's totals are cached
        SaleFact[] sale = [new(300, 3, today.DayNumber, 20, 2, 30, 20, 1)];
        OfferFact[] offer = [new(10, 3, today.DayNumber, 20, 2, 0, OfferOutcome.Accepted)];
        var derived = Cube.With(sale, offer).WithSegment(7, "Tech fans", [1, 2, 3]);
        var scratch = new KpiCube(AllSales().Append(sale[0]), AllOffers().Append(offer[0]),
            [new(-1, 0), new(0, 0b01), new(1, 0b11), new(0, 0b01), new(1, 0b10)],
            [(7, "Tech fans"), (8, "Students")], [("rep-a", "Anna"), ("rep-b", "Ben")], Cube.Categories, Cube.Products, [(10, 20)]);

        var a = KpiDashboard.Compute(derived, december, today);
        var b = KpiDashboard.Compute(scratch, december, today);
        Assert.Equal(b.Current, a.Current);
        Assert.Equal(b.CrossSellingBySegment, a.CrossSellingBySegment);
        Assert.Equal(b.PredictedClvBySegment, a.PredictedClvBySegment);
    }

    private static IEnumerable<SaleFact> AllSales() =>
        [
            new(90, 1, D(10, 15), 30, 3, 200, 80, 1),                                   // previous period
            new(100, 1, D(11, 3), 10, 1, 500, 100, 1), new(100, 1, D(11, 3), 20, 2, 30, 20, 1),
            new(101, 2, D(11, 5), 10, 1, 500, 100, 1),
            new(102, 2, D(11, 20), 20, 2, 30, 20, 1),                                  // the case 15 days after the phone: attached
            new(103, 3, D(11, 10), 30, 3, 200, 80, 1), new(103, 3, D(11, 10), 31, 3, 0, -5, 1), // a zero-price line
            new(104, 3, D(11, 12), 30, 3, -200, -80, -1),                              // a refund: lowers revenue, is no order
            new(105, 2, D(11, 25), 30, 3, 200, 80, 1),                                 // bought 20 days after accepting the offer
            new(106, 4, D(11, 28), 10, 1, 500, 100, 1),
            new(107, 4, D(12, 30), 20, 2, 30, 20, 1),                                  // 32 days after the phone: not attached
        ];

    private static IEnumerable<OfferFact> AllOffers() =>
        [
            new(1, 3, D(10, 20), 20, 2, 0, OfferOutcome.Accepted),                     // previous period
            new(2, 1, D(11, 3), 30, 3, 0, OfferOutcome.Declined),
            new(3, 2, D(11, 5), 30, 3, 1, OfferOutcome.Accepted),
        ];
}
