using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;

namespace CrossSellCrm.Tests.Domain;

public class BehaviourCalculatorTests
{
    private static readonly DateTime AsOf = new(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Compute_TwoOrders_GivesRecencyFrequencyMonetaryLoyaltyBreadthAndChannel()
    {
        OrderFact[] orders =
        [
            new(1, 10, new DateTime(2026, 6, 20, 0, 0, 0, DateTimeKind.Utc), SalesChannel.Online),
            new(1, 11, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), SalesChannel.Store),
            new(1, 12, new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), SalesChannel.Online),
        ];
        LineFact[] lines =
        [
            new(10, "Apple", CategoryId: 1, Quantity: 1, Revenue: 999m),
            new(10, "Apple", CategoryId: 2, Quantity: 1, Revenue: 59m),
            new(11, "Anker", CategoryId: 3, Quantity: 1, Revenue: 49m),
            new(12, "Apple", CategoryId: 2, Quantity: 1, Revenue: 59m),
            new(12, "Apple", CategoryId: 2, Quantity: -1, Revenue: -59m), // returned
        ];

        var p = BehaviourCalculator.Compute([1, 2], orders, lines, AsOf)[1];

        Assert.Equal(10, p.RecencyDays);
        Assert.Equal(3, p.Frequency);
        Assert.Equal(999m + 59m + 49m + 59m - 59m, p.Monetary);
        Assert.Equal("Apple", p.TopBrand);
        Assert.Equal(3.0 / 4.0, p.BrandLoyalty, 10); // 3 Apple units of 4 bought (the return does not count)
        Assert.Equal(3, p.CategoryBreadth);
        Assert.Equal(SalesChannel.Online, p.PreferredChannel);
    }

    [Fact]
    public void Compute_CustomerWithoutOrders_HasEmptyProfileAndNoScores()
    {
        var p = BehaviourCalculator.Compute([7], [], [], AsOf)[7];
        Assert.Null(p.RecencyDays);
        Assert.Equal(0, p.Frequency);
        Assert.Equal(0, p.RecencyScore);
        Assert.Null(p.PreferredChannel);
        Assert.Equal(AsOf, p.ComputedAt);
    }

    [Fact]
    public void AssignQuintiles_TenDistinctValues_TwoPerScore()
    {
        var profiles = Enumerable.Range(1, 10).Select(i => new BehaviourProfile { Frequency = i }).ToList();
        BehaviourCalculator.AssignQuintiles(profiles, p => p.Frequency, (p, s) => p.FrequencyScore = s);
        Assert.Equal(new byte[] { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 }, profiles.Select(p => p.FrequencyScore).ToArray());
    }

    [Fact]
    public void AssignQuintiles_Ties_ShareOneScore()
    {
        var profiles = new[] { 1, 1, 1, 1, 2 }.Select(f => new BehaviourProfile { Frequency = f }).ToList();
        BehaviourCalculator.AssignQuintiles(profiles, p => p.Frequency, (p, s) => p.FrequencyScore = s);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 5 }, profiles.Select(p => p.FrequencyScore).ToArray());
    }

    [Fact]
    public void Compute_MoreRecentBuyer_GetsHigherRecencyScore()
    {
        OrderFact[] orders =
        [
            new(1, 1, AsOf.AddDays(-300), SalesChannel.Online),
            new(2, 2, AsOf.AddDays(-2), SalesChannel.Online),
        ];
        var profiles = BehaviourCalculator.Compute([1, 2], orders, [], AsOf);
        Assert.True(profiles[2].RecencyScore > profiles[1].RecencyScore);
    }
}
