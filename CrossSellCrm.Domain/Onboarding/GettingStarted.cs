using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Onboarding;

/// <summary>The steps from an empty CRM to one a team can work with, in the order they build on each other.</summary>
public enum SetupStep { UsersAndRoles, Products, Customers, Orders, Complements, FirstSegment }

/// <summary>One step of the checklist: done or not, and the page where it is done.</summary>
public sealed record SetupItem(SetupStep Step, bool Done, string Href);

/// <summary>
/// The admin's getting-started checklist. It ticks itself off from what the database holds, so an import, a curated
/// complement or a saved segment shows at the next look, whoever made it and however.
/// </summary>
public sealed class GettingStarted(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<IReadOnlyList<SetupItem>> CheckAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).Distinct().ToListAsync(ct);
        return
        [
            // A team: someone who sells and someone who leads.
            new(SetupStep.UsersAndRoles, roles.Contains(Roles.Sales) && (roles.Contains(Roles.Manager) || roles.Contains(Roles.Admin)), "admin/users"),
            new(SetupStep.Products, await db.Products.AnyAsync(ct), "data/import"),
            new(SetupStep.Customers, await db.Customers.AnyAsync(ct), "data/import"),
            new(SetupStep.Orders, await db.Orders.AnyAsync(ct), "data/import"),
            new(SetupStep.Complements, await db.ProductRelations.AnyAsync(ct), "catalog"),
            new(SetupStep.FirstSegment, await db.Segments.AnyAsync(s => !s.IsBuiltIn, ct), "segments/new"),
        ];
    }
}
