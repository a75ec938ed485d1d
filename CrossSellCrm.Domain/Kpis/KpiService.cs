using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Kpis;

/// <summary>The counts one period's KPIs are computed from.</summary>
/// <param name="Orders">Sales in P: orders with non-negative net revenue (a return lowers revenue but is no order).</param>
public sealed record KpiSnapshot(Period Period, decimal Revenue, int Orders, int Buyers, int CrossBuyers, int OffersPresented, int OffersAccepted)
{
    public decimal? AverageOrderValue => KpiFormulas.AverageOrderValue(Revenue, Orders);
    /// <summary>
    /// Buyers in P whose purchases span ≥ 2 categories or who accepted an offer in P, over buyers in P.
    /// Counted among buyers only, so the rate stays a share (an accepted offer normally is an order).
    /// </summary>
    public double? CrossSellingRate => KpiFormulas.Rate(CrossBuyers, Buyers);
    public double? OfferConversion => KpiFormulas.Rate(OffersAccepted, OffersPresented);
}

/// <summary>Loads KPI inputs from the database; the maths is in <see cref="KpiFormulas"/>.</summary>
public sealed class KpiService(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<KpiSnapshot> SnapshotAsync(Period period, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var orders = db.Orders.Where(o => o.OrderedAt >= period.From && o.OrderedAt < period.To);
        var revenue = (decimal)(await orders.SumAsync(o => (double?)o.NetRevenue, ct) ?? 0);
        var sales = await orders.CountAsync(o => o.NetRevenue >= 0, ct);
        var categoriesPerBuyer = await db.OrderLines
            .Where(l => l.Quantity > 0 && l.Order!.OrderedAt >= period.From && l.Order.OrderedAt < period.To)
            .GroupBy(l => l.Order!.CustomerId)
            .Select(g => new { CustomerId = g.Key, Categories = g.Select(l => l.Product!.CategoryId).Distinct().Count() })
            .ToListAsync(ct);
        var offers = db.OfferPresentations.Where(o => o.PresentedAt >= period.From && o.PresentedAt < period.To);
        var presented = await offers.CountAsync(ct);
        var accepted = await offers.CountAsync(o => o.Outcome == OfferOutcome.Accepted, ct);
        var accepters = (await offers.Where(o => o.Outcome == OfferOutcome.Accepted).Select(o => o.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();
        var crossBuyers = categoriesPerBuyer.Count(b => b.Categories >= 2 || accepters.Contains(b.CustomerId));
        return new KpiSnapshot(period, revenue, sales, categoriesPerBuyer.Count, crossBuyers, presented, accepted);
    }

    /// <summary>Net revenue and number of sales per calendar month, oldest first; a month without orders is zero.</summary>
    public async Task<IReadOnlyList<MonthlyRevenue>> RevenueByMonthAsync(int months, DateTime now, CancellationToken ct = default)
    {
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(months - 1));
        await using var db = await factory.CreateDbContextAsync(ct);
        var result = new List<MonthlyRevenue>(months);
        // One index range per month: cheaper than grouping by a date function over every order.
        for (var i = 0; i < months; i++)
        {
            var from = first.AddMonths(i);
            var to = from.AddMonths(1);
            var inMonth = db.Orders.Where(o => o.OrderedAt >= from && o.OrderedAt < to);
            var revenue = await inMonth.SumAsync(o => (double?)o.NetRevenue, ct) ?? 0;
            var sales = await inMonth.CountAsync(o => o.NetRevenue >= 0, ct);
            result.Add(new MonthlyRevenue(DateOnly.FromDateTime(from), (decimal)revenue, sales));
        }
        return result;
    }
}

public sealed record MonthlyRevenue(DateOnly Month, decimal Revenue, int Orders);
