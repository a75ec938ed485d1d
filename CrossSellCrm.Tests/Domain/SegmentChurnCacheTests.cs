using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Tests.Domain;

public class SegmentChurnCacheTests
{
    [Fact]
    public async Task GetAsync_SameSegmentsSameDay_ComputedOnce_NextDayAgain()
    {
        var cache = new SegmentChurnCache();
        var computed = 0;
        Task<(double?, string)> Compute() { computed++; return Task.FromResult<(double?, string)>((0.2 * computed, "segments")); }
        var monday = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(0.2, (await cache.GetAsync([3, 1], monday, Compute)).Rate);
        Assert.Equal(0.2, (await cache.GetAsync([1, 3], monday.AddHours(8), Compute)).Rate); // the same set, in another order
        Assert.Equal(1, computed);
        Assert.Equal(0.4, (await cache.GetAsync([1], monday, Compute)).Rate!.Value, 9);       // another set
        Assert.Equal(0.6, (await cache.GetAsync([1, 3], monday.AddDays(1), Compute)).Rate!.Value, 9); // the next day
        Assert.Equal(3, computed);
    }
}
