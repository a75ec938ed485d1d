using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// Association-rule mining on the shared basket files and on 1,000,000 generated baskets over
/// 5,000 products at min support 0.001 (target: ≤ 5 s, ≤ 1 GB on 2 cores). FIMI's retail.dat (88,162 baskets,
/// 16,470 items; 19,242 itemsets at support 0.0005) is read and mined apart, as the `mine` verb does: the whole verb's
/// target is ≤ 0.45 s including the runtime's start, so reading and mining must stay well under it warm.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MiningBenchmarks
{
    private BasketSet _market = default!, _bakery = default!, _generated = default!, _retail = default!;
    private string _retailPath = default!;

    [GlobalSetup]
    public void Setup()
    {
        var datasets = Path.Combine(FindRoot(), "..", "shared", "datasets");
        using (var reader = File.OpenText(Path.Combine(datasets, "Market_Basket_Optimisation.csv"))) _market = BasketFile.ReadBaskets(reader);
        using (var reader = File.OpenText(Path.Combine(datasets, "BreadBasket_DMS.csv"))) _bakery = BasketFile.ReadTransactions(reader, "Transaction", "Item", ["NONE"]);
        _generated = GeneratedBaskets.Create(baskets: 1_000_000, products: 5_000, seed: 42);
        _retailPath = Path.Combine(datasets, "retail.dat");
        _retail = ReadRetail();
    }

    private BasketSet ReadRetail()
    {
        using var reader = new StreamReader(_retailPath, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 64 * 1024);
        return BasketFile.ReadBaskets(reader);
    }

    [Benchmark]
    public int RetailDat_Read() => ReadRetail().Count;

    [Benchmark]
    public int RetailDat_Support00005() => AssociationMiner.Mine(_retail, new MiningOptions { MinSupport = 0.0005, MinConfidence = 0.5 }).Rules.Count;

    [Benchmark]
    public int MarketBaskets_Support0003() => AssociationMiner.Mine(_market, new MiningOptions { MinSupport = 0.003, MinConfidence = 0.2 }).Rules.Count;

    [Benchmark]
    public int Bakery_Support0002() => AssociationMiner.Mine(_bakery, new MiningOptions { MinSupport = 0.002, MinConfidence = 0.3 }).Rules.Count;

    [Benchmark]
    public int Generated1MBaskets5000Products_Support0001() =>
        AssociationMiner.Mine(_generated, new MiningOptions { MinSupport = 0.001, MinConfidence = 0.2 }).Rules.Count;

    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}

/// <summary>
/// Baskets shaped like a retailer's: product popularity falls off like Zipf's law, and each anchor
/// product has a few complements that follow it with fixed probabilities — structure to find.
/// </summary>
public static class GeneratedBaskets
{
    public static BasketSet Create(int baskets, int products, int seed)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(1, products).Select(rank => 1.0 / rank).ToArray();
        var cumulative = new double[products];
        var total = 0.0;
        for (var i = 0; i < products; i++) cumulative[i] = total += weights[i];
        int Draw()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return Math.Min(index < 0 ? ~index : index, products - 1);
        }
        var complements = Enumerable.Range(0, products)
            .Select(_ => Enumerable.Range(0, random.Next(1, 4)).Select(_ => (Item: random.Next(products), P: 0.2 + random.NextDouble() * 0.5)).ToArray())
            .ToArray();
        var names = Enumerable.Range(0, products).Select(i => $"P{i:D5}").ToArray();
        var result = new int[baskets][];
        var basket = new List<int>(16);
        for (var b = 0; b < baskets; b++)
        {
            basket.Clear();
            var anchors = 1 + (random.NextDouble() < 0.35 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
            for (var a = 0; a < anchors; a++)
            {
                var anchor = Draw();
                basket.Add(anchor);
                foreach (var (item, p) in complements[anchor])
                    if (random.NextDouble() < p) basket.Add(item);
            }
            if (random.NextDouble() < 0.5) basket.Add(random.Next(products)); // noise
            result[b] = [.. basket];
        }
        return BasketSet.FromIds(result, names);
    }
}
