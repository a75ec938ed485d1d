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

    [Fact]
    public async Task ActivityAsync_AskedTogether_LoadedOnce_AgainTheNextDay()
    {
        var cache = new SegmentChurnCache();
        var loads = 0;
        var gate = new TaskCompletionSource();
        async Task<YearActivity> Load() { loads++; await gate.Task; return new YearActivity(new Dictionary<int, bool> { [1] = true, [2] = false }); }
        var monday = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

        var together = Enumerable.Range(0, 20).Select(_ => cache.ActivityAsync(monday, Load)).ToList();
        gate.SetResult();
        var activities = await Task.WhenAll(together);

        Assert.Equal(1, loads);
        Assert.All(activities, a => Assert.Same(activities[0], a));
        Assert.Equal(0.5, activities[0].Churn());
        await cache.ActivityAsync(monday.AddDays(1), Load);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task ActivityAsync_FailedLoad_IsTriedAgain()
    {
        var cache = new SegmentChurnCache();
        var monday = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

        await Assert.ThrowsAsync<TimeoutException>(() => cache.ActivityAsync(monday, () => Task.FromException<YearActivity>(new TimeoutException())));
        var activity = await cache.ActivityAsync(monday, () => Task.FromResult(new YearActivity(new Dictionary<int, bool> { [7] = false })));

        Assert.Equal(1.0, activity.Churn([7, 8])); // 8 did not order in the year before last: not counted
    }

    [Fact]
    public void Union_OfSortedMemberLists_EachCustomerOnceInOrder()
    {
        var members = new SegmentMembers(new Dictionary<int, int[]> { [1] = [2, 5, 9], [2] = [1, 5, 6, 9, 12], [3] = [], [4] = [7] });
        Assert.Equal([1, 2, 5, 6, 9, 12], members.Union([1, 2]));
        Assert.Equal([1, 2, 5, 6, 7, 9, 12], members.Union([2, 4, 1, 2, 3, 99])); // repeated, empty and unknown segments
        Assert.Empty(members.Union([]));
    }

    [Fact]
    public async Task MembersAsync_LoadedOnce_AgainAfterASegmentChanged_WhichAlsoForgetsTheRates()
    {
        var changes = new CrossSellCrm.Domain.Changes.ChangeHub();
        var cache = new SegmentChurnCache(changes);
        var loads = 0;
        Task<SegmentMembers> Load() { loads++; return Task.FromResult(new SegmentMembers(new Dictionary<int, int[]> { [1] = [loads] })); }
        var monday = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        var computed = 0;
        Task<(double?, string)> Compute() { computed++; return Task.FromResult<(double?, string)>((0.1, "segments")); }

        Assert.Same(await cache.MembersAsync(Load), await cache.MembersAsync(Load));
        await cache.GetAsync([1], monday, Compute);
        changes.Publish(new CrossSellCrm.Domain.Changes.OfferAnswered(1, 2, 3, CrossSellCrm.Domain.Recommendations.OfferOutcome.Declined, null));
        Assert.Equal(new[] { 1 }, (await cache.MembersAsync(Load)).BySegment[1]); // another change: the same members
        await cache.GetAsync([1], monday, Compute);
        Assert.Equal((1, 1), (loads, computed));

        changes.Publish(new CrossSellCrm.Domain.Changes.SegmentChanged(1));
        Assert.Equal(new[] { 2 }, (await cache.MembersAsync(Load)).BySegment[1]);
        await cache.GetAsync([1], monday, Compute);
        Assert.Equal((2, 2), (loads, computed));
    }
}
