using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Benchmarks;

/// <summary>Opening a customer's 360 in the call cockpit (100,000 customers / 1M order lines), with and without the predicted CLV.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class CustomerProfileBenchmarks
{
    private CustomerProfileService _profiles = default!;
    private int[] _customers = default!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var factory = BenchDatabase.Factory();
        _profiles = new CustomerProfileService(factory, TimeProvider.System);
        using var db = factory.CreateDbContext();
        var random = new Random(1);
        _customers = db.Customers.Where(c => c.Behaviour.Frequency >= 3).Select(c => c.Id).Take(5000).ToList().OrderBy(_ => random.Next()).Take(200).ToArray();
    }

    [Params(true, false)]
    public bool PredictClv { get; set; }

    [Benchmark(Description = "Load the customer 360")]
    public int Load() => _profiles.LoadAsync(_customers[_next++ % _customers.Length], predictClv: PredictClv).GetAwaiter().GetResult()!.OrderCount;
}
