using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Customers;

public sealed record CustomerSummary(int Id, string CustomerNumber, string Name, string? City, DateTime? LastOrderAt, decimal Monetary);

/// <summary>Finding customers: for now, a rep's own customers by latest purchase.</summary>
public sealed class CustomerDirectory(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<IReadOnlyList<CustomerSummary>> RecentForRepAsync(string repId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Customers.Where(c => c.AssignedRepId == repId && !c.IsErased && c.Behaviour.LastOrderAt != null)
            .OrderByDescending(c => c.Behaviour.LastOrderAt)
            .Take(take)
            .Select(c => new CustomerSummary(c.Id, c.CustomerNumber, c.FirstName + " " + c.LastName, c.City, c.Behaviour.LastOrderAt, c.Behaviour.Monetary))
            .ToListAsync(ct);
    }
}
