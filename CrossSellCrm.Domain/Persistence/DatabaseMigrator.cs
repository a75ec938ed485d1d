using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Persistence;

/// <summary>Applies the migrations of the configured provider (never EnsureCreated) and sets SQLite to WAL.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        // WAL lets readers (dashboards) go on while a rep's outcome is written; it is stored in the file.
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    /// <summary>True when the database answers and no migration is pending.</summary>
    public async Task<bool> IsCurrentAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct) && !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
    }
}
