using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Recommendations.Evaluation;
using CrossSellCrm.Domain.Recommendations.Likelihood;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// Rebuilding the likelihood model from purchase history alone (target: ≤ 60 s and ≤ 2 GB at 1,000,000 customers and
/// 20,000 products). The history is generated: about five purchases a customer over two years, items drawn by a Zipf
/// law (a long tail, as in real catalogues), and each purchase followed by a planted complement (item + 1) in 30 %
/// of cases, so the model has something to find. Peak memory of one training alone: <see cref="TrainingMemory"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class LikelihoodTrainingBenchmarks
{
    [Params(100_000, 1_000_000)]
    public int Customers { get; set; }

    [Params(2_000, 20_000)]
    public int Products { get; set; }

    private List<PurchaseEvent> _events = default!;
    private DateTime _asOf;

    [GlobalSetup]
    public void Setup() => (_events, _asOf) = History(Customers, Products);

    [Benchmark(Description = "Train the likelihood model (post-purchase protocol, ridge and coefficients tuned on a validation split)")]
    public int Train() =>
        LikelihoodTrainer.Train(new LikelihoodTrainingSet(_events, _asOf, EvaluationProtocol.PostPurchase), new LikelihoodSettings()).ModelledItems;

    /// <summary>The generated purchase history (see the class): the same for the benchmark and <see cref="TrainingMemory"/>.</summary>
    public static (List<PurchaseEvent> Events, DateTime AsOf) History(int customers, int products)
    {
        var random = new Random(42);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // Zipf(1) over the products, by the inverse of its cumulative distribution.
        var cumulative = new double[products];
        var sum = 0.0;
        for (var i = 0; i < products; i++) cumulative[i] = sum += 1.0 / (i + 1);
        int Draw()
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            return Math.Min(products - 1, at < 0 ? ~at : at);
        }
        var events = new List<PurchaseEvent>(customers * 7);
        var basket = 0;
        for (var c = 1; c <= customers; c++)
        {
            var purchases = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 4);
            for (var p = 0; p < purchases; p++)
            {
                var at = start.AddMinutes(random.Next(0, 730 * 24 * 60));
                var item = Draw();
                events.Add(new PurchaseEvent(c, ++basket, at, item));
                if (random.NextDouble() < 0.3 && item + 1 < products)
                    events.Add(new PurchaseEvent(c, ++basket, at.AddDays(random.Next(1, 30)), item + 1));
            }
        }
        return (events, start.AddDays(730));
    }
}
