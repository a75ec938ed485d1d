using System.Diagnostics;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.DemoData;

/// <summary>What the seeder wrote, and how long it took.</summary>
public sealed record SeedResult(int Customers, int Orders, int OrderLines, int Offers, TimeSpan Generate, TimeSpan Write);

/// <summary>Writes generated demo data into an empty database, all in one transaction.</summary>
public sealed class DemoDataSeeder(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<bool> HasCustomersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Customers.AnyAsync(ct);
    }

    /// <exception cref="InvalidOperationException">The database already holds customers.</exception>
    public async Task<SeedResult> SeedAsync(DemoDataOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (await HasCustomersAsync(ct))
            throw new InvalidOperationException("The database already holds customers; demo data is only written into an empty database.");

        var clock = Stopwatch.StartNew();
        var set = new DemoDataGenerator(options).Generate(progress);
        var generated = clock.Elapsed;
        clock.Restart();

        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bulk = new BulkInserter(db);
        var existingUsers = await db.Users.Select(u => u.Id).ToListAsync(ct);
        var reps = set.Reps.Where(r => !existingUsers.Contains(r.Id)).ToList();
        await bulk.InsertAsync(reps, ct: ct);
        await bulk.InsertAsync(set.RepRoles.Where(r => reps.Any(u => u.Id == r.UserId)).ToList(), ct: ct);

        await Step(bulk, set.Tags, "tags", progress, ct);
        await Step(bulk, set.Categories, "categories", progress, ct);
        await Step(bulk, set.Products, "products", progress, ct);
        await Step(bulk, set.Relations, "product relations", progress, ct);
        await Step(bulk, set.Customers, "customers", progress, ct);
        await Step(bulk, set.CustomerTags, "customer tags", progress, ct);
        await Step(bulk, set.Consents, "consents", progress, ct);
        await Step(bulk, set.Orders, "orders", progress, ct);
        await Step(bulk, set.OrderLines, "order lines", progress, ct);
        await Step(bulk, set.Subscriptions, "subscriptions", progress, ct);
        await Step(bulk, set.Offers, "offers", progress, ct);
        await Step(bulk, set.CallNotes, "call notes", progress, ct);
        await Step(bulk, set.Segments, "segments", progress, ct);
        await Step(bulk, set.Memberships, "segment memberships", progress, ct);
        await Step(bulk, set.PracticeCases, "practice cases", progress, ct);
        await Step(bulk, set.PracticeSessions, "practice sessions", progress, ct);
        await Step(bulk, set.PracticeAnswers, "practice answers", progress, ct);

        await bulk.ResetIdentityAsync<Customers.Tag>(ct);
        await bulk.ResetIdentityAsync<Catalog.Category>(ct);
        await bulk.ResetIdentityAsync<Catalog.Product>(ct);
        await bulk.ResetIdentityAsync<Catalog.ProductRelation>(ct);
        await bulk.ResetIdentityAsync<Customers.Customer>(ct);
        await bulk.ResetIdentityAsync<Orders.Order>(ct);
        await bulk.ResetIdentityAsync<Orders.OrderLine>(ct);
        await bulk.ResetIdentityAsync<Orders.Subscription>(ct);
        await bulk.ResetIdentityAsync<Recommendations.OfferPresentation>(ct);
        await bulk.ResetIdentityAsync<Recommendations.CallNote>(ct);
        await bulk.ResetIdentityAsync<Segmentation.Segment>(ct);
        await bulk.ResetIdentityAsync<Coaching.PracticeCase>(ct);
        await bulk.ResetIdentityAsync<Coaching.PracticeSession>(ct);
        await bulk.ResetIdentityAsync<Coaching.PracticeAnswer>(ct);

        progress?.Report("committing");
        await transaction.CommitAsync(ct);
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);
        return new SeedResult(set.Customers.Count, set.Orders.Count, set.OrderLines.Count, set.Offers.Count, generated, clock.Elapsed);
    }

    private static async Task Step<T>(BulkInserter bulk, List<T> rows, string what, IProgress<string>? progress, CancellationToken ct) where T : class
    {
        var step = rows.Count >= 100_000 && progress is not null ? new Relay(n => progress.Report($"{what} {n:N0}/{rows.Count:N0}")) : null;
        progress?.Report($"{what} ({rows.Count:N0})");
        await bulk.InsertAsync(rows, step, ct);
    }

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Relay(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
