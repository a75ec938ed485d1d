using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The dashboard's in-memory path gives the same numbers as SQL over the database.</summary>
public class KpiCubeTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private async Task<KpiCube> CubeAsync() => await new KpiCubeLoader(app.DbFactory).LoadAsync();

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(365)]
    public async Task Compute_NoFilter_EqualsTheDatabasePath(int days)
    {
        var cube = await CubeAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var now = await db.Orders.MaxAsync(o => o.OrderedAt);
        var period = Period.LastDays(days, now);
        var sql = await new KpiService(app.DbFactory).SnapshotAsync(period);

        var pure = KpiDashboard.Compute(cube, new KpiFilter(DateOnly.FromDateTime(period.From), DateOnly.FromDateTime(period.To)), DateOnly.FromDateTime(now)).Current;

        Assert.Equal((double)sql.Revenue, (double)pure.Revenue, 0);          // float facts: equal to the euro
        Assert.Equal(sql.Orders, pure.Orders);
        Assert.Equal(sql.Buyers, pure.Buyers);
        Assert.Equal(sql.CrossBuyers, pure.CrossBuyers);
        Assert.Equal(sql.OffersPresented, pure.OffersPresented);
        Assert.Equal(sql.OffersAccepted, pure.OffersAccepted);
        Assert.True(pure.Orders > 0 && pure.OffersPresented > 0);
    }

    [Fact]
    public async Task Compute_SegmentAndRepFilters_EqualWhatSqlCountsForThoseCustomers()
    {
        var cube = await CubeAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var now = await db.Orders.MaxAsync(o => o.OrderedAt);
        var period = Period.LastDays(180, now);
        var segment = await db.Segments.OrderBy(s => s.Id).FirstAsync();
        var rep = await db.Customers.Where(c => c.AssignedRepId != null).Select(c => c.AssignedRepId!).FirstAsync();
        var customers = db.Customers.Where(c => c.AssignedRepId == rep && db.SegmentMemberships.Any(m => m.CustomerId == c.Id && m.SegmentId == segment.Id)).Select(c => c.Id);
        var orders = db.Orders.Where(o => o.OrderedAt >= period.From && o.OrderedAt < period.To && customers.Contains(o.CustomerId));
        var revenue = (decimal)(await orders.SumAsync(o => (double?)o.NetRevenue) ?? 0);
        var sales = await orders.CountAsync(o => o.NetRevenue >= 0);
        var offers = await db.OfferPresentations.CountAsync(o => o.PresentedAt >= period.From && o.PresentedAt < period.To && o.RepId == rep
                                                             && db.SegmentMemberships.Any(m => m.CustomerId == o.CustomerId && m.SegmentId == segment.Id));

        var filter = new KpiFilter(DateOnly.FromDateTime(period.From), DateOnly.FromDateTime(period.To), new HashSet<int> { segment.Id }, new HashSet<string> { rep });
        var pure = KpiDashboard.Compute(cube, filter, DateOnly.FromDateTime(now));

        Assert.Equal((double)revenue, (double)pure.Current.Revenue, 0);
        Assert.Equal(sales, pure.Current.Orders);
        Assert.Equal(offers, pure.Current.OffersPresented);
        Assert.Equal([segment.Id], pure.CrossSellingBySegment.Select(s => s.SegmentId));
        Assert.Equal(pure.Current.Revenue, pure.Timeline.Sum(t => t.Revenue), 2);
    }

    [Fact]
    public async Task DrillDown_SegmentBar_ListsExactlyItsBuyers()
    {
        var cube = await CubeAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var now = await db.Orders.MaxAsync(o => o.OrderedAt);
        var filter = new KpiFilter(DateOnly.FromDateTime(now).AddDays(-89), DateOnly.FromDateTime(now).AddDays(1));
        var result = KpiDashboard.Compute(cube, filter, DateOnly.FromDateTime(now));
        var bar = result.CrossSellingBySegment.First(s => s.Buyers > 0);

        var rows = KpiDashboard.CustomersBehind(cube, filter, DateOnly.FromDateTime(now), DrillWidget.Segment, bar.SegmentId);

        Assert.Equal(bar.Buyers, rows.Count);
        Assert.Equal(bar.CrossBuyers, rows.Count(r => r.Counts));
    }
}
