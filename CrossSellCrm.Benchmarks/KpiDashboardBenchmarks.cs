using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Kpis;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The manager's whole dashboard (all cards and charts, current and previous period) for 12 months over
/// 100,000 customers / ~1,000,000 order lines (target ≤ 500 ms), filtered and unfiltered; and loading the cube.
/// </summary>
[MemoryDiagnoser]
public class KpiDashboardBenchmarks
{
    private KpiCube _cube = default!;
    private DateOnly _today;
    private KpiFilter _year = default!, _filtered = default!;
    private Microsoft.EntityFrameworkCore.IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext> _factory = default!;

    [GlobalSetup]
    public void Setup()
    {
        _factory = BenchDatabase.Factory();
        new CrossSellCrm.Domain.Persistence.DatabaseMigrator(_factory).MigrateAsync().GetAwaiter().GetResult();
        _cube = new KpiCubeLoader(_factory).LoadAsync().GetAwaiter().GetResult();
        using var db = _factory.CreateDbContext();
        _today = DateOnly.FromDateTime(db.Orders.Max(o => o.OrderedAt)).AddDays(1);
        _year = new KpiFilter(_today.AddMonths(-12), _today);
        var segment = db.Segments.OrderBy(s => s.Id).Select(s => s.Id).First();
        var category = db.Categories.OrderBy(c => c.Id).Select(c => c.Id).First();
        _filtered = _year with { Segments = new HashSet<int> { segment }, Categories = new HashSet<int> { category } };
    }

    [Benchmark(Description = "Whole dashboard, 12 months, no filter (1M lines)")]
    public decimal Year() => KpiDashboard.Compute(_cube, _year, _today).Current.Revenue;

    [Benchmark(Description = "Whole dashboard, 12 months, a segment and a category (1M lines)")]
    public decimal YearFiltered() => KpiDashboard.Compute(_cube, _filtered, _today).Current.Revenue;
}

/// <summary>Loading the cube from SQLite at that size: once after start and hourly, in the background.</summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class KpiCubeLoadBenchmarks
{
    private Microsoft.EntityFrameworkCore.IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext> _factory = default!;

    [GlobalSetup]
    public void Setup() => _factory = BenchDatabase.Factory();

    [Benchmark(Description = "Load the KPI cube (100k customers / 1M lines)")]
    public int Load() => new KpiCubeLoader(_factory).LoadAsync().GetAwaiter().GetResult().SaleCount;
}
