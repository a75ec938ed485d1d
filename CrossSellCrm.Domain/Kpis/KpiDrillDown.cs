using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Kpis;

public sealed record DrillCustomerRow(int Id, string CustomerNumber, string Name, string? City, decimal Revenue, int Orders, bool Counts, decimal? Value);

public sealed record DrillOfferRow(long Id, DateTime PresentedAt, int CustomerId, string Customer, string Product, string? Rep, OfferOutcome Outcome, DeclineReason? DeclineReason);

/// <summary>Names for the customers and offers behind a dashboard number (the cube holds ids only).</summary>
public sealed class KpiDrillDown(IDbContextFactory<CrmDbContext> factory)
{
    /// <summary>At most this many rows are shown; the count says how many there are.</summary>
    public const int MaxRows = 2000;

    public async Task<IReadOnlyList<DrillCustomerRow>> CustomersAsync(IReadOnlyList<DrillCustomer> rows, CancellationToken ct = default)
    {
        var shown = rows.Take(MaxRows).ToList();
        var ids = shown.Select(r => r.CustomerId).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = await db.Customers.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.CustomerNumber, Name = c.FirstName + " " + c.LastName, c.City }).ToDictionaryAsync(c => c.Id, ct);
        return shown.Where(r => names.ContainsKey(r.CustomerId))
            .Select(r => new DrillCustomerRow(r.CustomerId, names[r.CustomerId].CustomerNumber, names[r.CustomerId].Name, names[r.CustomerId].City, r.Revenue, r.Orders, r.Counts, r.Value))
            .ToList();
    }

    public async Task<IReadOnlyList<DrillOfferRow>> OffersAsync(IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        var shown = ids.Take(MaxRows).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OfferPresentations.Where(o => shown.Contains(o.Id)).OrderByDescending(o => o.PresentedAt).ThenByDescending(o => o.Id)
            .Select(o => new DrillOfferRow(o.Id, o.PresentedAt, o.CustomerId, o.Customer!.FirstName + " " + o.Customer.LastName, o.Product!.Name,
                o.Rep!.DisplayName, o.Outcome, o.DeclineReason))
            .ToListAsync(ct);
    }
}
