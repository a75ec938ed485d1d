using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The call cockpit's search as you type against 100,000 customers in SQLite (target ≤ 30 ms),
/// through the app's own <see cref="CustomerSearch"/>: a common prefix, a rare surname, two words,
/// a phone number as written, a customer number, and a miss (the worst case: the whole index is read).
/// </summary>
[MemoryDiagnoser]
public class CustomerSearchBenchmarks
{
    private CustomerSearch _search = default!;

    [GlobalSetup]
    public void Setup()
    {
        var factory = BenchDatabase.Factory();
        new Domain.Persistence.DatabaseMigrator(factory).MigrateAsync().GetAwaiter().GetResult(); // a DB from before search text gets it here
        _search = new CustomerSearch(factory);
    }

    [Params("an", "stürmer", "anna mül", "+49 (221) 973 3202", "C0054321", "zzqx")]
    public string Query { get; set; } = "";

    [Benchmark(Description = "Search as you type, top 8 (100k customers)")]
    public int Find() => _search.FindAsync(Query, repId: null).GetAwaiter().GetResult().Count;
}
