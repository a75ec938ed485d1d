using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The engine against 100,000 customers and ~1,000,000 order lines in SQLite: one decision for a
/// customer with history (target: median ≤ 50 µs; the acceptance model may add ≤ 10 µs) and rebuilding the engine's index (target ≤ 30 s).
/// The database is CRM_BENCH_DB, or created once at /tmp/crm-bench-100k.db (about a minute).
/// </summary>
[MemoryDiagnoser, MedianColumn] // the target is the median
public class NextBestOfferBenchmarks
{
    private NextBestOfferEngine _engine = default!;
    private CustomerSnapshot[] _customers = default!;
    private DateTime _now;
    private int _next;

    /// <summary>With the acceptance model trained on the database's offer log (its chance on every card, the re-rank of the likeliest few).</summary>
    [Params(false, true)]
    public bool Acceptance { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var factory = BenchDatabase.Factory();
        var book = new RuleMiningService(factory, new RuleBookStore(), TimeProvider.System)
            .MineAsync(new MiningOptions { MinSupport = 0.002, MinConfidence = 0.1, MinLength = 2, MaxLength = 3 }).GetAwaiter().GetResult();
        var loader = new EngineIndexLoader(factory);
        _engine = loader.BuildAsync(book, new EngineSettings()).GetAwaiter().GetResult();
        if (Acceptance)
        {
            var model = new Domain.Recommendations.Acceptance.OfferAcceptanceTrainer(factory, TimeProvider.System)
                .TrainAsync(new Domain.Recommendations.Acceptance.AcceptanceUse(), new Domain.Recommendations.Acceptance.AcceptanceSettings()).GetAwaiter().GetResult()!;
            Console.WriteLine($"// acceptance model: {model.Report.TrainRows:N0} offers, serves {model.Report.Serves}, trained in {model.Report.Took.TotalSeconds:F1} s");
            _engine = _engine.With(model);
        }
        using var db = factory.CreateDbContext();
        _now = db.Orders.Max(o => o.OrderedAt);
        var random = new Random(1);
        var ids = db.Customers.Where(c => c.Behaviour.Frequency >= 3).Select(c => c.Id).ToList().OrderBy(_ => random.Next()).Take(1000).ToList();
        _customers = ids.Select(id => loader.CustomerAsync(id).GetAwaiter().GetResult()!).ToArray();
    }

    [Benchmark(Description = "Decide for one customer with history (100k customers / 1M lines loaded)")]
    public int Decide()
    {
        var customer = _customers[_next++ % _customers.Length];
        return _engine.Decide(customer, ContactChannel.InStore, _now).Offers.Count;
    }
}

[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class EngineIndexBenchmarks
{
    private IDbContextFactory<CrmDbContext> _factory = default!;

    [GlobalSetup]
    public void Setup() => _factory = BenchDatabase.Factory();

    [Benchmark(Description = "Rebuild: mine order baskets and load the engine index (100k customers / 1M lines)")]
    public int Rebuild()
    {
        var book = new RuleMiningService(_factory, new RuleBookStore(), TimeProvider.System)
            .MineAsync(new MiningOptions { MinSupport = 0.002, MinConfidence = 0.1, MinLength = 2, MaxLength = 3 }).GetAwaiter().GetResult();
        return new EngineIndexLoader(_factory).BuildAsync(book, new EngineSettings()).GetAwaiter().GetResult().ProductCount;
    }
}

internal static class BenchDatabase
{
    public static IDbContextFactory<CrmDbContext> Factory()
    {
        var path = Environment.GetEnvironmentVariable("CRM_BENCH_DB") ?? "/tmp/crm-bench-100k.db";
        var factory = new SqliteFactory($"Data Source={path}");
        if (!File.Exists(path))
        {
            new DatabaseMigrator(factory).MigrateAsync().GetAwaiter().GetResult();
            new DemoDataSeeder(factory).SeedAsync(new DemoDataOptions { Customers = 100_000, OrderLines = 1_000_000 }).GetAwaiter().GetResult();
        }
        return factory;
    }

    private sealed class SqliteFactory(string connection) : IDbContextFactory<CrmDbContext>
    {
        public CrmDbContext CreateDbContext() => new(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite(connection).Options);
    }
}
