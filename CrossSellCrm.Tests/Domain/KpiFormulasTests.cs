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

    [Theory]
    [InlineData(110.0, 100.0, 0.1, 10.0, false)]     // a fair base: relative
    [InlineData(90.0, 100.0, -0.1, -10.0, false)]
    [InlineData(900.0, 0.17, null, 899.83, false)]   // a near-zero base: the absolute change only
    [InlineData(900.0, 89.0, null, 811.0, false)]    // just below a tenth of the current value
    [InlineData(900.0, 90.0, 9.0, 810.0, false)]     // a tenth: relative again
    [InlineData(900.0, 0.0, null, 900.0, true)]      // nothing before: new
    public void ChangeOf_RelativeOnlyFromAFairBase(double current, double previous, double? relative, double absolute, bool isNew)
    {
        var change = KpiFormulas.ChangeOf(current, previous)!;
        Assert.Equal(relative is null, change.Relative is null);
        if (relative is { } r) Assert.Equal(r, change.Relative!.Value, 10);
        Assert.Equal(absolute, change.Absolute, 10);
        Assert.Equal(isNew, change.IsNew);
    }

    [Fact]
    public void ChangeOf_AnUnknownSide_IsNoChange() => Assert.Null(KpiFormulas.ChangeOf(0.3, null));
}
