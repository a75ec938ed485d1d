using System.Diagnostics;
using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// One acceptance-model training at full size, end to end (binning, tuning, boosting, calibration), with what the
/// BenchmarkDotNet job cannot show: the quality of the model it produced on offers it never saw. ROWS generated offers
/// (seed 1) train; 200,000 more from the same truth (seed 2) test, so "before" and "after" are judged on the same rows.
/// <c>dotnet run -c Release --project CrossSellCrm.Benchmarks -- acceptance-training 1000000 [trees|logistic]</c>
/// </summary>
public static class AcceptanceTrainingSpeed
{
    public static void Run(int rows, string learner)
    {
        var settings = new AcceptanceSettings { Learner = learner == "logistic" ? AcceptanceLearner.Logistic : AcceptanceLearner.BoostedTrees };
        var (train, _) = SyntheticAcceptance.Generate(rows, seed: 1);
        var (test, truth) = SyntheticAcceptance.Generate(200_000, seed: 2);
        Console.WriteLine($"{rows:N0} training offers ({train.AcceptedCount:N0} accepted), {test.Rows:N0} test offers; {settings.Learner}; {Environment.ProcessorCount} cores; load {Load()}");
        var clock = Stopwatch.StartNew();
        var model = AcceptanceTrainer.Train(train, settings);
        clock.Stop();
        var probabilities = new double[test.Rows];
        var outcomes = new bool[test.Rows];
        for (var i = 0; i < test.Rows; i++) (probabilities[i], outcomes[i]) = (model.Probability(test.Row(i)), test.Accepted(i));
        var t = model.Training;
        Console.WriteLine($"training {clock.Elapsed.TotalSeconds:F1} s; setting {t.Setting}, {t.Trees} trees, {t.Members} member(s); tried {string.Join(", ", t.Tried.Select(x => $"{x.Setting}: {x.LogLoss:F5}"))}");
        Console.WriteLine($"test auc {AcceptanceMetrics.Auc(probabilities, outcomes):F4} (the truth's {AcceptanceMetrics.Auc(truth, outcomes):F4}); brier {AcceptanceMetrics.Brier(probabilities, outcomes):F5} (the truth's {AcceptanceMetrics.Brier(truth, outcomes):F5}); " +
            $"mean p {probabilities.Average():F4}, observed {outcomes.Average(a => a ? 1.0 : 0):F4}; held-out auc in training {t.HoldoutAuc:F4}; load {Load()}");
    }

    // The machine is shared: the figures mean little without what else ran.
    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
