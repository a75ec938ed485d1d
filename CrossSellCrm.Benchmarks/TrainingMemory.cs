using System.Diagnostics;
using CrossSellCrm.Domain.Recommendations.Evaluation;
using CrossSellCrm.Domain.Recommendations.Likelihood;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The likelihood model's rebuild, measured for memory alone: the process's working set and the managed heap, sampled
/// every 10 ms while one training runs, against what the generated history already held before it (the app holds its
/// purchases too, but not a second copy). <c>dotnet run -c Release --project CrossSellCrm.Benchmarks -- training-memory 1000000 20000</c>
/// </summary>
public static class TrainingMemory
{
    public static void Run(int customers, int products)
    {
        var (events, asOf) = LikelihoodTrainingBenchmarks.History(customers, products);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        long peak = before, heapPeak = heapBefore;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(10);
            }
        });
        var clock = Stopwatch.StartNew();
        var model = LikelihoodTrainer.Train(new LikelihoodTrainingSet(events, asOf, EvaluationProtocol.PostPurchase), new LikelihoodSettings());
        clock.Stop();
        done.Cancel();
        sampler.Wait();
        process.Refresh();
        const double Mb = 1024 * 1024;
        Console.WriteLine($"{customers:N0} customers, {products:N0} products, {events.Count:N0} purchases; {model.ModelledItems:N0} items modelled; {Environment.ProcessorCount} cores");
        Console.WriteLine($"training {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"working set: {before / Mb:N0} MB with the history, peak {peak / Mb:N0} MB during training (+{(peak - before) / Mb:N0} MB), {process.PeakWorkingSet64 / Mb:N0} MB the process's peak");
        Console.WriteLine($"managed heap: {heapBefore / Mb:N0} MB with the history, peak {heapPeak / Mb:N0} MB during training (+{(heapPeak - heapBefore) / Mb:N0} MB)");
    }
}
