using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// Opening a customer's 360 in the call cockpit (100,000 customers / 1M order lines): without the predicted
/// CLV, with it (its segments' churn cached after the first customer of a segment set, as in the app), and
/// with the churn computed every time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class CustomerProfileBenchmarks
{
    private CustomerProfileService _profiles = default!;
    private Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Persistence.CrmDbContext> _factory = default!;
    private int[] _customers = default!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var factory = _factory = BenchDatabase.Factory();
        _profiles = new CustomerProfileService(factory, TimeProvider.System, new SegmentChurnCache());
        using var db = factory.CreateDbContext();
        var random = new Random(1);
        _customers = db.Customers.Where(c => c.Behaviour.Frequency >= 3).Select(c => c.Id).Take(5000).ToList().OrderBy(_ => random.Next()).Take(200).ToArray();
    }

    [Benchmark(Description = "Load the customer 360 without predicted CLV")]
    public int LoadWithoutPrediction() => _profiles.LoadAsync(_customers[_next++ % _customers.Length], predictClv: false).GetAwaiter().GetResult()!.OrderCount;

    [Benchmark(Description = "Load the customer 360 with predicted CLV (churn cached per segment set and day)")]
    public int LoadWithPrediction() => _profiles.LoadAsync(_customers[_next++ % _customers.Length]).GetAwaiter().GetResult()!.OrderCount;

    [Benchmark(Description = "Load the customer 360 with predicted CLV, churn computed afresh")]
    public int LoadWithPredictionUncached() =>
        new CustomerProfileService(_factory, TimeProvider.System).LoadAsync(_customers[_next++ % _customers.Length]).GetAwaiter().GetResult()!.OrderCount;
}
