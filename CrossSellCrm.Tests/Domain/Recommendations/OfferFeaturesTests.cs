using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Tests.Domain.Recommendations;

/// <summary>Point-in-time features: what happened after an offer never enters its row.</summary>
public class OfferFeaturesTests
{
    private static readonly DateTime At = new(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<int, OfferCustomer> Customers = new()
    {
        [1] = new OfferCustomer(1, new DateOnly(1990, 6, 20), Gender.Female, IncomeBand.High, EducationLevel.Master, "DE", "Berlin", "urban-professional", ["photography"]),
    };
    private static readonly Dictionary<int, OfferProduct> Products = new()
    {
        [10] = new OfferProduct(10, "CAM-1", 1, "Cameras", 900, 200),
        [20] = new OfferProduct(20, "TRI-1", 2, "Tripods", 90, 40),
    };

    private static Dictionary<string, string> Row(IEnumerable<HistoryLine> history, params DecidedOffer[] offers) =>
        OfferFeatures.Columns.Zip(OfferFeatures.Rows(offers, Customers, Products, history).First()).ToDictionary(p => p.First, p => p.Second);

    [Fact]
    public void A_row_holds_what_was_known_at_the_offer()
    {
        HistoryLine[] history = [new(1, 100, 10, 1, At.AddDays(-10), 900)];
        var row = Row(history, new DecidedOffer(1, 1, 20, 10, At, ContactChannel.Phone, 1, "rep-lena", false));
        Assert.Equal("35", row["age"]); // 36 only on 20 June
        Assert.Equal(("10", "1", "900", "10", "0", "0"), (row["recency-days"], row["orders-before"], row["revenue-before"], row["days-since-anchor"], row["owns-category"], row["offers-before"]));
        Assert.Equal("no", row["accepted"]);
    }

    [Fact]
    public void A_planted_future_order_and_answer_change_nothing()
    {
        HistoryLine[] history = [new(1, 100, 10, 1, At.AddDays(-10), 900)];
        var offer = new DecidedOffer(1, 1, 20, 10, At, ContactChannel.Phone, 1, "rep-lena", false);
        var clean = Row(history, offer);
        // The tripod bought an hour later (the accepted offer's own order), another camera next month, a later accepted offer.
        HistoryLine[] planted = [.. history, new(1, 101, 20, 2, At.AddHours(1), 90), new(1, 102, 10, 1, At.AddDays(30), 900), new(1, 103, 20, 2, At, 90)];
        var later = new DecidedOffer(2, 1, 20, 10, At.AddDays(2), ContactChannel.Phone, 1, "rep-lena", true);
        Assert.Equal(clean, Row(planted, offer, later));
    }
}

public class ReliabilityTests
{
    [Fact]
    public void Ten_groups_by_predicted_chance_with_what_happened()
    {
        var p = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        var accepted = p.Select((x, i) => i >= 90 || i % 10 == 0).ToArray();
        var bins = CrossSellCrm.Domain.Recommendations.Acceptance.TemporalHoldout.Reliability(p, accepted);
        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(10, b.Offers));
        Assert.Equal(0.045, bins[0].Predicted, 10);
        Assert.Equal(0.1, bins[0].Observed, 10); // one of ten accepted
        Assert.Equal(1.0, bins[^1].Observed, 10);
    }
}
