using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>
/// The average historical CLV of a group of customers — the gross margin of all their orders before today
/// (DESIGN.md §2), divided by how many they are. One definition for the builder's preview and the segment's page,
/// so a segment shows the same number before and after it is saved.
/// </summary>
public static class MemberClv
{
    /// <returns>Null for an empty group.</returns>
    public static async Task<decimal?> AverageAsync(CrmDbContext db, Kpis.KpiCubeStore cubes, IReadOnlyCollection<int> customers, DateOnly today, CancellationToken ct)
    {
        if (customers.Count == 0) return null;
        // The dashboard's in-memory cube when it is loaded (orders before today, as the dashboard counts them), else the orders table.
        if (cubes.Current is { } cube) return cube.HistoricalMargin(customers, today) / customers.Count;
        var before = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var margin = await db.Orders.Where(o => customers.Contains(o.CustomerId) && o.OrderedAt < before).SumAsync(o => (double?)(double)o.Margin, ct) ?? 0;
        return (decimal)margin / customers.Count;
    }
}
