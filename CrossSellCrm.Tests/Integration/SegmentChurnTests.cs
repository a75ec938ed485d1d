using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The churn counted from the day's activity equals the churn counted in SQL per segment set, as before.</summary>
public class SegmentChurnTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    /// <summary>The definition, as one query per segment set (how the churn was computed before the day's activity was kept).</summary>
    private static async Task<double?> ChurnInSqlAsync(CrmDbContext db, List<int> segments, DateTime now)
    {
        var yearAgo = now.AddYears(-1);
        var twoYearsAgo = now.AddYears(-2);
        var customers = segments.Count == 0
            ? db.Customers.Select(c => c.Id)
            : db.SegmentMemberships.Where(m => segments.Contains(m.SegmentId)).Select(m => m.CustomerId).Distinct();
        var before = db.Orders.Where(o => o.OrderedAt >= twoYearsAgo && o.OrderedAt < yearAgo && customers.Contains(o.CustomerId)).Select(o => o.CustomerId).Distinct();
        var active = await before.CountAsync();
        var stayed = await before.CountAsync(id => db.Orders.Any(o => o.CustomerId == id && o.OrderedAt >= yearAgo));
        return KpiFormulas.Rate(active - stayed, active);
    }

    [Fact]
    public async Task Churn_FromTheDaysActivity_EqualsTheQueryPerSegmentSet()
    {
        await app.EngineAsync(); // the app has started; its workers have made the ready-made segments
        var now = DateTime.UtcNow;
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var segmentIds = await db.SegmentMemberships.Select(m => m.SegmentId).Distinct().OrderBy(id => id).ToListAsync();
        Assert.True(segmentIds.Count >= 3, "the demo data has segments with members");
        var sets = new List<List<int>> { new(), segmentIds, segmentIds.Take(2).ToList(), segmentIds.Skip(1).Take(3).ToList() };
        sets.AddRange(segmentIds.Select(id => new List<int> { id }));

        var activity = await YearActivity.LoadAsync(app.DbFactory, now);
        Assert.NotEmpty(activity.StayedByActive);
        foreach (var set in sets)
        {
            var members = set.Count == 0 ? null : await db.SegmentMemberships.Where(m => set.Contains(m.SegmentId)).Select(m => m.CustomerId).Distinct().ToListAsync();
            Assert.Equal(await ChurnInSqlAsync(db, set, now), activity.Churn(members));
        }
    }

    [Fact]
    public async Task LoadAsync_PredictedClv_UsesTheSameChurnAsTheQuery()
    {
        await app.EngineAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var customers = await db.Orders.Select(o => o.CustomerId).Distinct().OrderBy(id => id).Take(30).ToListAsync();
        var profiles = new CustomerProfileService(app.DbFactory, TimeProvider.System, new SegmentChurnCache());
        foreach (var id in customers)
        {
            var profile = (await profiles.LoadAsync(id))!;
            var segments = profile.Segments.Select(s => s.Id).ToList();
            Assert.Equal(await ChurnInSqlAsync(db, segments, DateTime.UtcNow), profile.PredictedClv.YearlyChurn);
            Assert.Equal(segments.Count == 0 ? "all customers" : "segments", profile.PredictedClv.ChurnBasis);
        }
    }

    [Fact]
    public async Task PrepareDayAsync_ReadsTheDaysActivityAndTheMembers_SoACallDoesNotWaitForThem()
    {
        await app.EngineAsync();
        var cache = new SegmentChurnCache();
        var profiles = new CustomerProfileService(app.DbFactory, TimeProvider.System, cache);
        await profiles.PrepareDayAsync();
        var activity = await cache.ActivityAsync(DateTime.UtcNow, () => throw new InvalidOperationException("the day's activity was read again"));
        Assert.Equal((await YearActivity.LoadAsync(app.DbFactory, DateTime.UtcNow)).StayedByActive.Count, activity.StayedByActive.Count);
        var members = await cache.MembersAsync(() => throw new InvalidOperationException("the memberships were read again"));
        await using var db = await app.DbFactory.CreateDbContextAsync();
        Assert.Equal(await db.SegmentMemberships.CountAsync(), members.BySegment.Values.Sum(m => m.Length));
    }
}
