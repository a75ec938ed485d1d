using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Kpis;

/// <summary>The counts one period's KPIs are computed from.</summary>
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
        var lines = db.OrderLines.Where(l => l.Order!.OrderedAt >= period.From && l.Order.OrderedAt < period.To);
        var revenue = (decimal)(await lines.SumAsync(l => (double?)(l.Quantity * l.UnitPrice - l.Discount), ct) ?? 0);
        var orders = await db.Orders.CountAsync(o => o.OrderedAt >= period.From && o.OrderedAt < period.To, ct);
        var categoriesPerBuyer = await lines.Where(l => l.Quantity > 0)
            .GroupBy(l => l.Order!.CustomerId)
            .Select(g => new { CustomerId = g.Key, Categories = g.Select(l => l.Product!.CategoryId).Distinct().Count() })
            .ToListAsync(ct);
        var offers = db.OfferPresentations.Where(o => o.PresentedAt >= period.From && o.PresentedAt < period.To);
        var presented = await offers.CountAsync(ct);
        var acceptedBy = await offers.Where(o => o.Outcome == OfferOutcome.Accepted).Select(o => o.CustomerId).Distinct().ToListAsync(ct);
        var accepted = await offers.CountAsync(o => o.Outcome == OfferOutcome.Accepted, ct);
        var accepters = acceptedBy.ToHashSet();
        var crossBuyers = categoriesPerBuyer.Count(b => b.Categories >= 2 || accepters.Contains(b.CustomerId));
        return new KpiSnapshot(period, revenue, orders, categoriesPerBuyer.Count, crossBuyers, presented, accepted);
    }

    /// <summary>Net revenue and order count per calendar month, oldest first; months without orders are included as zero.</summary>
    public async Task<IReadOnlyList<MonthlyRevenue>> RevenueByMonthAsync(int months, DateTime now, CancellationToken ct = default)
    {
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(months - 1));
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.OrderLines.Where(l => l.Order!.OrderedAt >= first)
            .GroupBy(l => new { l.Order!.OrderedAt.Year, l.Order.OrderedAt.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Revenue = g.Sum(l => (double)(l.Quantity * l.UnitPrice - l.Discount)), Orders = g.Select(l => l.OrderId).Distinct().Count() })
            .ToListAsync(ct);
        return Enumerable.Range(0, months).Select(i =>
        {
            var month = first.AddMonths(i);
            var row = rows.FirstOrDefault(r => r.Year == month.Year && r.Month == month.Month);
            return new MonthlyRevenue(DateOnly.FromDateTime(month), (decimal)(row?.Revenue ?? 0), row?.Orders ?? 0);
        }).ToList();
    }
}

public sealed record MonthlyRevenue(DateOnly Month, decimal Revenue, int Orders);
