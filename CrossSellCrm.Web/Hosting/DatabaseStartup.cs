using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Web.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates the database, seeds demo data into an empty one (if switched on) and the demo users. False when
    /// the app must not start: the log says why and what to do.
    /// </summary>
    /// <exception cref="DatabaseUnreadableException">The database file is not an SQLite database, or is damaged.</exception>
    public static async Task<bool> PrepareDatabaseAsync(this IHost app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var file = scope.ServiceProvider.GetRequiredService<DatabaseFile>();
        // Looked at before EF Core opens it, which would log a failed command and a stack trace first.
        await file.EnsureReadableAsync(ct);
        try
        {
            return await MigrateAndSeedAsync(scope.ServiceProvider, ct);
        }
        catch (Exception e) when (DatabaseFile.UnreadableReason(e) is { } reason)
        {
            throw new DatabaseUnreadableException(file.Path() ?? "(ConnectionStrings:Crm)", reason, e);
        }
    }

    private static async Task<bool> MigrateAndSeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CrossSellCrm.Startup");
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();

        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        if (applied.Count > 0) logger.LogInformation("Applied {Count} migrations", applied.Count);
        services.GetRequiredService<MigrationState>().MarkCurrent();

        // A database set up in Development carries the demo users, whose password is public (README).
        if (!demo.SeedUsers && !AppEnvironment.IsDevelopmentOrTesting(environment))
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct);
            var demoSignIns = await DemoSignIns.FindAsync(db, ct);
            if (demoSignIns.Count > 0)
            {
                logger.LogCritical("Not starting in {Environment}: {Count} demo users ({Users}) can sign in with the public demo password. " +
                    "Remove them with `{Command}` (published app: `CrossSellCrm.Web remove-demo-users`), or set Demo:SeedUsers=true to keep them on purpose.",
                    environment.EnvironmentName, demoSignIns.Count, string.Join(", ", demoSignIns), DemoSignIns.RemoveCommand);
                return false;
            }
        }

        var seeder = services.GetRequiredService<DemoDataSeeder>();
        if (demo.SeedOnFirstRun && !await seeder.HasCustomersAsync(ct))
        {
            logger.LogInformation("Empty database: seeding demo data ({Customers} customers, ~{Lines} order lines)", demo.Customers, demo.OrderLines);
            var result = await seeder.SeedAsync(new DemoDataOptions { Customers = demo.Customers, OrderLines = demo.OrderLines }, ct: ct);
            logger.LogInformation("Seeded {Customers} customers, {Orders} orders, {Lines} order lines, {Offers} offers in {Seconds:F1} s",
                result.Customers, result.Orders, result.OrderLines, result.Offers, (result.Generate + result.Write).TotalSeconds);
        }
        if (demo.SeedUsers)
            await services.GetRequiredService<DemoUserSeeder>().EnsureAsync(ct);
        return true;
    }
}
