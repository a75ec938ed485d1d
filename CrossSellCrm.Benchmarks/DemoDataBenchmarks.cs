using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.DemoData;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The pure parts of seeding: generating the demo data set and computing the behavioural dimension.
/// (Writing it to SQLite is timed end to end by the `seed` verb.)
/// </summary>
[MemoryDiagnoser]
public class DemoDataBenchmarks
{
    private static readonly DateTime AsOf = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private DemoDataSet _set = default!;
    private OrderFact[] _orders = default!;
    private LineFact[] _lines = default!;

    [Params(5_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = new DemoDataGenerator(new DemoDataOptions { Customers = Customers, OrderLines = Customers * 10, AsOf = AsOf }).Generate();
        var products = _set.Products.ToDictionary(p => p.Id);
        _orders = _set.Orders.Select(o => new OrderFact(o.CustomerId, o.Id, o.OrderedAt, o.Channel)).ToArray();
        _lines = _set.OrderLines.Select(l => new LineFact(l.OrderId, products[l.ProductId].Brand, products[l.ProductId].CategoryId, l.Quantity, l.Revenue)).ToArray();
    }

    [Benchmark]
    public int Generate() =>
        new DemoDataGenerator(new DemoDataOptions { Customers = Customers, OrderLines = Customers * 10, AsOf = AsOf }).Generate().OrderLines.Count;

    [Benchmark]
    public int ComputeBehaviour() => BehaviourCalculator.Compute(_set.Customers.Select(c => c.Id), _orders, _lines, AsOf).Count;
}
