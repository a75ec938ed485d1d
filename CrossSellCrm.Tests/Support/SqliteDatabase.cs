using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Support;

/// <summary>A real, migrated SQLite file for one test class; deleted afterwards.</summary>
public sealed class SqliteDatabase : IAsyncLifetime
{
    private readonly string _path = TempSqlite.NewPath("crm-unit");

    public IDbContextFactory<CrmDbContext> Factory { get; private set; } = default!;

    public CrmDbContext Create(string user = "tester") =>
        new(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={_path}").Options, new NamedUser(user));

    public async Task InitializeAsync()
    {
        Factory = new ContextFactory(this);
        await new DatabaseMigrator(Factory).MigrateAsync();
    }

    public Task DisposeAsync()
    {
        TempSqlite.Delete(_path);
        return Task.CompletedTask;
    }

    private sealed class ContextFactory(SqliteDatabase db) : IDbContextFactory<CrmDbContext>
    {
        public CrmDbContext CreateDbContext() => db.Create();
    }

    private sealed class NamedUser(string name) : ICurrentUser
    {
        public string Name => name;
    }
}
