using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrossSellCrm.Domain.Persistence;

/// <summary>Applies the migrations of the configured provider (never EnsureCreated) and sets SQLite to WAL.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CrmDbContext> factory)
{
    /// <summary>Creates the database (and, for SQLite, its folder) if needed, and applies the pending migrations.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        if (new DatabaseFile(factory).Path() is { } file && System.IO.Path.GetDirectoryName(file) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        // WAL lets readers (dashboards) go on while a rep's outcome is written; it is stored in the file.
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await FillSearchTextAsync(db, ct);
        return pending;
    }

    /// <summary>
    /// Customers stored before search text existed get it here, once (SQL cannot spell out "ü" the way
    /// <see cref="Customers.CustomerSearch"/> does). Plain commands, not tracked entities: no audit rows for a backfill.
    /// </summary>
    private static async Task FillSearchTextAsync(CrmDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var batch = await db.Customers.Where(c => EF.Property<string>(c, nameof(Customers.Customer.SearchText)) == "")
                .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email, c.CustomerNumber, c.City, c.PhoneDigits }).Take(5000).ToListAsync(ct);
            if (batch.Count == 0) return;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = "UPDATE \"Customers\" SET \"SearchText\" = @text WHERE \"Id\" = @id";
            var text = command.CreateParameter();
            text.ParameterName = "@text";
            var id = command.CreateParameter();
            id.ParameterName = "@id";
            command.Parameters.Add(text);
            command.Parameters.Add(id);
            foreach (var c in batch)
            {
                text.Value = Customers.CustomerSearch.SearchTextOf(c.FirstName, c.LastName, c.Email, c.CustomerNumber, c.City, c.PhoneDigits);
                id.Value = c.Id;
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>
    /// True when the database answers with a row of the migrations table: one small read, cheap enough for every poll of
    /// a health check. (SELECT 1 would not even touch an SQLite file, so a deleted or replaced one would still "answer".)
    /// </summary>
    public async Task<bool> AnswersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1";
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>True when the database answers and no migration is pending.</summary>
    public async Task<bool> IsCurrentAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct) && !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
    }
}
