using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The SQL path of the KPIs against the same KPIs computed in memory from the loaded rows.</summary>
public class KpiServiceTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(365)]
    public async Task Snapshot_DatabasePath_EqualsInMemoryPath(int days)
    {
        var factory = app.DbFactory;
        await using var db = await factory.CreateDbContextAsync();
        var latest = await db.Orders.MaxAsync(o => o.OrderedAt);
        var period = Period.LastDays(days, latest);

        var fromDb = await new KpiService(factory).SnapshotAsync(period);

        var orders = await db.Orders.Include(o => o.Lines).ThenInclude(l => l.Product)
            .Where(o => o.OrderedAt >= period.From && o.OrderedAt < period.To).AsNoTracking().ToListAsync();
        var offers = await db.OfferPresentations.Where(o => o.PresentedAt >= period.From && o.PresentedAt < period.To).AsNoTracking().ToListAsync();
        var revenue = orders.SelectMany(o => o.Lines).Sum(l => l.Revenue);
        var sales = orders.Count(o => o.Lines.Sum(l => l.Revenue) >= 0);
        var buyers = orders.SelectMany(o => o.Lines.Where(l => l.Quantity > 0).Select(l => (o.CustomerId, l.Product!.CategoryId)))
            .GroupBy(x => x.CustomerId).ToDictionary(g => g.Key, g => g.Select(x => x.CategoryId).Distinct().Count());
        var accepters = offers.Where(o => o.Outcome == OfferOutcome.Accepted).Select(o => o.CustomerId).ToHashSet();

        Assert.True(orders.Count > 0);
        Assert.Equal((double)revenue, (double)fromDb.Revenue, 2);
        Assert.Equal(sales, fromDb.Orders);
        Assert.Equal(buyers.Count, fromDb.Buyers);
        Assert.Equal(buyers.Count(b => b.Value >= 2 || accepters.Contains(b.Key)), fromDb.CrossBuyers);
        Assert.Equal(offers.Count, fromDb.OffersPresented);
        Assert.Equal(offers.Count(o => o.Outcome == OfferOutcome.Accepted), fromDb.OffersAccepted);
    }

    [Fact]
    public async Task RevenueByMonth_SumsToTheLinesOfThoseMonths_AndIncludesEmptyMonths()
    {
        var factory = app.DbFactory;
        await using var db = await factory.CreateDbContextAsync();
        var latest = await db.Orders.MaxAsync(o => o.OrderedAt);
        var months = await new KpiService(factory).RevenueByMonthAsync(36, latest); // reaches before the history

        Assert.Equal(36, months.Count);
        Assert.Equal(0m, months[0].Revenue);
        var first = months[0].Month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var lines = await db.OrderLines.Where(l => l.Order!.OrderedAt >= first).AsNoTracking().ToListAsync();
        Assert.Equal((double)lines.Sum(l => l.Revenue), (double)months.Sum(m => m.Revenue), 2);
    }

    [Fact]
    public async Task Snapshot_EmptyPeriod_HasNoRatesInsteadOfDividingByZero()
    {
        var factory = app.DbFactory;
        var far = new Period(new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2001, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        var s = await new KpiService(factory).SnapshotAsync(far);
        Assert.Equal(0m, s.Revenue);
        Assert.Null(s.AverageOrderValue);
        Assert.Null(s.CrossSellingRate);
        Assert.Null(s.OfferConversion);
    }
}
