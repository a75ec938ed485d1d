using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>
/// Segment memberships as of a past moment (what an offline evaluation asks with): applied in memory, the rules must
/// select exactly what the database selects today, and as of an earlier day only what was true then.
/// </summary>
public class SegmentsAsOfTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task AsOfNow_MatchesTheStoredMemberships_AsOfEarlier_OnlyWhatWasTrueThen()
    {
        await new DemoDataSeeder(database.Factory).SeedAsync(new DemoDataOptions { Customers = 300, OrderLines = 3_000, AsOf = Now });
        var clock = new ManualClock(Now);
        var builder = new SegmentBuilder(database.Factory, clock, new KpiCubeStore(), new ChangeHub());
        // Fields the demo's segments may not use: text by LIKE (in memory too), age by birth date, plans by their days.
        await builder.SaveAsync(new SegmentInput
        {
            Name = "Mixed test rule",
            Rule = RuleNode.Group(RuleMatch.Or,
                RuleNode.Group(RuleMatch.And, RuleNode.Condition("city", RuleOperator.Contains, "er"), RuleNode.Condition("age", RuleOperator.Between, "30", "44")),
                RuleNode.Condition("subscriber", RuleOperator.IsTrue),
                RuleNode.Condition("topBrand", RuleOperator.StartsWith, "s")),
        }, null);
        await new BehaviourRefresh(database.Factory, clock).RefreshAsync();
        await RfmSegments.EnsureAsync(database.Factory, builder);
        await builder.RefreshAllAsync();

        await using var db = database.Create();
        var stored = (await db.SegmentMemberships.Select(m => new { m.CustomerId, m.SegmentId }).ToListAsync())
            .GroupBy(m => m.CustomerId).ToDictionary(g => g.Key, g => g.Select(m => m.SegmentId).Order().ToList());
        var now = await SegmentsAsOf.LoadAsync(db, Now);
        Assert.True(stored.Count > 100, $"{stored.Count} customers in a segment");
        Assert.Equal(stored.Keys.Order(), now.Keys.Order());
        var rules = await db.Segments.ToDictionaryAsync(s => s.Id, s => s.RuleDefinition);
        var diff = stored.Where(s => !s.Value.SequenceEqual(now[s.Key].Order())).Select(s => $"customer {s.Key}: stored {string.Join(",", s.Value)}, as of {string.Join(",", now[s.Key].Order())}; "
            + string.Join(" ", s.Value.Except(now[s.Key]).Concat(now[s.Key].Except(s.Value)).Select(id => rules[id]))).ToList();
        Assert.True(diff.Count == 0, string.Join("\n", diff.Take(5)));

        // Four months earlier: behaviour from the orders before then, plans running then.
        var earlier = Now.AddDays(-120);
        var then = await SegmentsAsOf.LoadAsync(db, earlier);
        var mixed = await db.Segments.Where(s => s.Name == "Mixed test rule").Select(s => s.Id).SingleAsync();
        var champions = await db.Segments.Where(s => s.Name.StartsWith("RFM: Champions")).Select(s => s.Id).SingleAsync();
        var buyersThen = (await db.Orders.Where(o => o.OrderedAt < earlier).Select(o => o.CustomerId).Distinct().ToListAsync()).ToHashSet();
        Assert.All(then.Where(m => m.Value.Contains(champions)), m => Assert.Contains(m.Key, buyersThen));
        Assert.NotEqual(now.Where(m => m.Value.Contains(champions)).Select(m => m.Key).Order(), then.Where(m => m.Value.Contains(champions)).Select(m => m.Key).Order());
        var startedLater = await db.Subscriptions.Where(s => s.StartedOn > DateOnly.FromDateTime(earlier)).Select(s => s.CustomerId).ToListAsync();
        var subscribersThen = await db.Subscriptions.Where(s => s.StartedOn <= DateOnly.FromDateTime(earlier) && (s.EndedOn == null || s.EndedOn > DateOnly.FromDateTime(earlier)))
            .Select(s => s.CustomerId).ToListAsync();
        foreach (var c in startedLater.Except(subscribersThen))
            if (then.TryGetValue(c, out var segments) && segments.Contains(mixed))
            {
                // In the mixed segment then only through its other rules: a city with "er" and aged 30–44 then, or a top brand with "s".
                var customer = await db.Customers.SingleAsync(x => x.Id == c);
                var age = customer.AgeOn(DateOnly.FromDateTime(earlier));
                Assert.True((customer.City ?? "").Contains("er", StringComparison.OrdinalIgnoreCase) && age is >= 30 and <= 44
                    || BehaviourOf(c)?.TopBrand?.StartsWith('S') == true, $"customer {c} is in the mixed segment through a plan that had not started");
            }
        Assert.Contains(subscribersThen, c => then.TryGetValue(c, out var s) && s.Contains(mixed));

        BehaviourProfile? BehaviourOf(int customer)
        {
            var orders = db.Orders.Where(o => o.CustomerId == customer && o.OrderedAt < earlier).Select(o => new OrderFact(o.CustomerId, o.Id, o.OrderedAt, o.Channel)).ToList();
            var ids = orders.Select(o => o.OrderId).ToList();
            var lines = db.OrderLines.Where(l => ids.Contains(l.OrderId)).Select(l => new LineFact(l.OrderId, l.Product!.Brand, l.Product.CategoryId, l.Quantity, l.UnitPrice * l.Quantity - l.Discount)).ToList();
            return BehaviourCalculator.Compute([customer], orders, lines, earlier).GetValueOrDefault(customer);
        }
    }
}
