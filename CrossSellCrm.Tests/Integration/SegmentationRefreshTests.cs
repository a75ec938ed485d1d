using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>Behaviour is recomputed from the orders (never typed), and the RFM segments cover every buyer exactly once.</summary>
public class SegmentationRefreshTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private SegmentBuilder Builder => new(app.DbFactory, TimeProvider.System, new KpiCubeStore(), new CrossSellCrm.Domain.Changes.ChangeHub());

    [Fact]
    public async Task RefreshBehaviour_WritesWhatTheCalculatorComputes_WithoutAuditRows()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var audits = await db.AuditEntries.CountAsync();
        var count = await new BehaviourRefresh(app.DbFactory, TimeProvider.System).RefreshAsync();

        Assert.Equal(await db.Customers.CountAsync(), count);
        Assert.Equal(audits, await db.AuditEntries.CountAsync());
        var sample = await db.Customers.AsNoTracking().Where(c => c.Behaviour.Frequency > 2).OrderBy(c => c.Id).FirstAsync();
        var orders = await db.Orders.Where(o => o.CustomerId == sample.Id).ToListAsync();
        Assert.Equal(orders.Count, sample.Behaviour.Frequency);
        Assert.Equal(orders.Max(o => o.OrderedAt), sample.Behaviour.LastOrderAt);
        Assert.Equal((double)orders.Sum(o => o.NetRevenue), (double)sample.Behaviour.Monetary, 2);
        Assert.InRange(sample.Behaviour.RecencyScore, (byte)1, (byte)5);
        Assert.NotNull(sample.Behaviour.ComputedAt);
        Assert.True(sample.Behaviour.ComputedAt > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task RfmSegments_EveryBuyerInExactlyOne_AndEnsureIsIdempotent()
    {
        _ = app.DbFactory;
        await RfmSegments.EnsureAsync(app.DbFactory, Builder);
        Assert.Equal(0, await RfmSegments.EnsureAsync(app.DbFactory, Builder));
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var rfm = await db.Segments.Where(s => s.Name.StartsWith("RFM: ")).ToListAsync();
        Assert.Equal(11, rfm.Count);
        Assert.All(rfm, s => Assert.True(s.IsBuiltIn));
        var ids = rfm.Select(s => s.Id).ToList();
        var perCustomer = await db.SegmentMemberships.Where(m => ids.Contains(m.SegmentId)).GroupBy(m => m.CustomerId).Select(g => g.Count()).ToListAsync();
        Assert.All(perCustomer, n => Assert.Equal(1, n));
        Assert.Equal(await db.Customers.CountAsync(c => c.Behaviour.Frequency > 0), perCustomer.Count);
    }
}
