using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Persistence;

public sealed record DatabaseCounts(int Customers, int Products, int Orders, int OrderLines, int Offers, int Segments, int Users, int AuditEntries);

/// <summary>How much is in the database, for the admin's landing page.</summary>
public sealed class DatabaseStatistics(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<DatabaseCounts> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new DatabaseCounts(
            await db.Customers.CountAsync(ct), await db.Products.CountAsync(ct), await db.Orders.CountAsync(ct),
            await db.OrderLines.CountAsync(ct), await db.OfferPresentations.CountAsync(ct), await db.Segments.CountAsync(ct),
            await db.Users.CountAsync(ct), await db.AuditEntries.CountAsync(ct));
    }

    /// <summary>Customers per country (ISO code), largest first.</summary>
    public async Task<IReadOnlyList<(string Country, int Customers)>> CustomersByCountryAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Customers.GroupBy(c => c.Country).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.Count).Select(r => (r.Key, r.Count)).ToList();
    }
}
