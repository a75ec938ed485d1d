using CrossSellCrm.Domain.Kpis;

namespace CrossSellCrm.Tests.Domain;

public class KpiFormulasTests
{
    [Fact]
    public void AverageOrderValue_RevenueOverOrders_IsTheMean() =>
        Assert.Equal(41.5m, KpiFormulas.AverageOrderValue(166m, 4));

    [Fact]
    public void AverageOrderValue_NoOrders_IsNull() => Assert.Null(KpiFormulas.AverageOrderValue(0m, 0));

    [Fact]
    public void Growth_FromEightyToHundred_IsTwentyFivePercent() => Assert.Equal(0.25, KpiFormulas.Growth(100m, 80m)!.Value, 10);

    [Fact]
    public void Growth_Shrinking_IsNegative() => Assert.Equal(-0.5, KpiFormulas.Growth(40m, 80m)!.Value, 10);

    [Fact]
    public void Growth_NoPreviousRevenue_IsNullNotInfinity() => Assert.Null(KpiFormulas.Growth(100m, 0m));

    [Fact]
    public void Rate_ThreeOfTwelve_IsAQuarter() => Assert.Equal(0.25, KpiFormulas.Rate(3, 12)!.Value, 10);

    [Fact]
    public void Rate_EmptyWhole_IsNull() => Assert.Null(KpiFormulas.Rate(0, 0));

    [Fact]
    public void Change_NoPrevious_IsNull() => Assert.Null(KpiFormulas.Change(0.3, null));

    [Fact]
    public void Period_Previous_HasEqualLengthAndEndsWhereThisStarts()
    {
        var p = Period.LastDays(30, new DateTime(2026, 3, 31, 15, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 3, 2), p.From);
        Assert.Equal(new DateTime(2026, 4, 1), p.To);
        Assert.Equal(new DateTime(2026, 1, 31), p.Previous.From);
        Assert.Equal(p.From, p.Previous.To);
    }

    [Fact]
    public void KpiSnapshot_CrossSellingRateAndConversion_FromCounts()
    {
        var s = new KpiSnapshot(default, Revenue: 1000m, Orders: 8, Buyers: 5, CrossBuyers: 2, OffersPresented: 10, OffersAccepted: 4);
        Assert.Equal(125m, s.AverageOrderValue);
        Assert.Equal(0.4, s.CrossSellingRate!.Value, 10);
        Assert.Equal(0.4, s.OfferConversion!.Value, 10);
    }
}
