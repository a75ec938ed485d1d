using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>
/// Every segment's members as they were at a past moment, for an offline evaluation: the stored memberships are
/// today's — an RFM "champion" today may have become one from purchases after the split, which would tell the engine the
/// future. Behaviour is recomputed from the orders before the moment, plans are those running on its day, ages are
/// its ages, and each segment's own rule (the same predicate the database runs, <see cref="SegmentQuery"/>) is applied
/// in memory. What has no history — address, income, tags — is taken as stored.
/// </summary>
public static class SegmentsAsOf
{
    public static async Task<Dictionary<int, IReadOnlyList<int>>> LoadAsync(CrmDbContext db, DateTime asOf, CancellationToken ct = default)
    {
        var segments = (await db.Segments.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.RuleDefinition }).ToListAsync(ct))
            .Select(s => (s.Id, Rule: RuleNode.Parse(s.RuleDefinition)))
            .Where(s => s.Rule is not null && new SegmentRuleValidator().Validate(s.Rule).IsValid)
            .Select(s => (s.Id, s.Rule!)).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => !c.IsErased).Include(c => c.Tags).Include(c => c.Lifestyle).ToListAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking().ToListAsync(ct);
        var orders = await db.Orders.Where(o => o.OrderedAt < asOf).Select(o => new OrderFact(o.CustomerId, o.Id, o.OrderedAt, o.Channel)).ToListAsync(ct);
        var lines = await db.OrderLines.Where(l => l.Order!.OrderedAt < asOf)
            .Select(l => new LineFact(l.OrderId, l.Product!.Brand, l.Product.CategoryId, l.Quantity, l.UnitPrice * l.Quantity - l.Discount)).ToListAsync(ct);
        return Compute(segments, customers, subscriptions, orders, lines, asOf, likeIgnoresCase: db.Database.ProviderName?.Contains("Npgsql") != true);
    }

    /// <param name="customers">Detached copies: their <see cref="Customer.Behaviour"/> is replaced by the one as of <paramref name="asOf"/>.</param>
    /// <param name="orders">Orders before <paramref name="asOf"/> (later ones are ignored).</param>
    /// <returns>Customer → the segments they were in; customers in none are left out.</returns>
    public static Dictionary<int, IReadOnlyList<int>> Compute(IReadOnlyList<(int Id, RuleNode Rule)> segments, IReadOnlyList<Customer> customers,
        IReadOnlyList<Subscription> subscriptions, IEnumerable<OrderFact> orders, IEnumerable<LineFact> lines, DateTime asOf, bool likeIgnoresCase = true)
    {
        var before = orders.Where(o => o.OrderedAt < asOf).ToList();
        var profiles = BehaviourCalculator.Compute(customers.Select(c => c.Id), before, lines, asOf);
        foreach (var c in customers) c.Behaviour = profiles[c.Id];
        var day = DateOnly.FromDateTime(asOf);
        // A plan counts as active on the days between its start and its end. A pause or a cancellation without an end date has
        // no day to it: such a plan counts as it stands today (the one place where today's state stands in for the past).
        var plans = subscriptions.Where(s => s.StartedOn <= day)
            .Select(s => new Subscription
            {
                Id = s.Id, CustomerId = s.CustomerId, PlanProductId = s.PlanProductId, StartedOn = s.StartedOn, EndedOn = s.EndedOn,
                MonthlyPrice = s.MonthlyPrice,
                Status = s.EndedOn is { } end ? (end <= day ? SubscriptionStatus.Cancelled : SubscriptionStatus.Active) : s.Status,
            }).ToList().AsQueryable();
        var members = new Dictionary<int, List<int>>();
        foreach (var (id, rule) in segments)
        {
            var matches = ((Expression<Func<Customer, bool>>)new LikeInMemory(likeIgnoresCase).Visit(SegmentQuery.Predicate(rule, day, plans))).Compile();
            foreach (var c in customers)
                if (matches(c))
                {
                    if (!members.TryGetValue(c.Id, out var list)) members[c.Id] = list = [];
                    list.Add(id);
                }
        }
        return members.ToDictionary(m => m.Key, m => (IReadOnlyList<int>)m.Value);
    }

    /// <summary>EF's LIKE only runs in SQL: here it becomes <see cref="LikePattern.Matches"/>, with the database's case rule.</summary>
    private sealed class LikeInMemory(bool ignoreCase) : ExpressionVisitor
    {
        private static readonly MethodInfo Matches = typeof(LikePattern).GetMethod(nameof(LikePattern.Matches))!;

        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.DeclaringType == typeof(DbFunctionsExtensions) && node.Method.Name == nameof(DbFunctionsExtensions.Like) && node.Arguments.Count == 4
                ? Expression.Call(Matches, Visit(node.Arguments[1]), Visit(node.Arguments[2]), Visit(node.Arguments[3]), Expression.Constant(ignoreCase))
                : base.VisitMethodCall(node);
    }
}
