namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>One test fold: the model learnt from the other folds (tuned on a share of those), scored on this one.</summary>
public sealed record FoldResult(int Repeat, int Fold, int Rows, double Auc, double Brier, double BaseRateBrier, AcceptanceTraining Training);

/// <summary>Per-fold results and their mean and sample standard deviation over all folds of all repeats.</summary>
public sealed record CrossValidationResult(int Folds, int Repeats, IReadOnlyList<FoldResult> Results)
{
    public double AucMean => Results.Average(r => r.Auc);
    public double AucSd => Sd(Results.Select(r => r.Auc));
    public double BrierMean => Results.Average(r => r.Brier);
    public double BrierSd => Sd(Results.Select(r => r.Brier));
    /// <summary>The Brier score of always saying the training folds' acceptance rate: what a model has to beat.</summary>
    public double BaseRateBrierMean => Results.Average(r => r.BaseRateBrier);

    private static double Sd(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2) return 0;
        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }
}

/// <summary>
/// Stratified k-fold cross-validation, repeated with different shuffles ("5-fold × 5"): every fold holds its share of
/// the accepted and of the declined offers. Each training tunes on its own held-out share, never on its test fold.
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(AcceptanceTable table, AcceptanceSettings settings, int folds = 5, int repeats = 1, int seed = 1, CancellationToken ct = default)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "At least two folds.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), "At least one repeat.");
        var assignments = new int[repeats][];
        for (var r = 0; r < repeats; r++) assignments[r] = Folds(table, folds, seed + r);
        var results = new FoldResult[repeats * folds];
        // The trainings are independent: two cores take one each (a small table's training is too small to split its columns).
        Parallel.For(0, results.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            var (repeat, fold) = (job / folds, job % folds);
            var fold_ = assignments[repeat];
            var train = Enumerable.Range(0, table.Rows).Where(i => fold_[i] != fold).ToArray();
            var test = Enumerable.Range(0, table.Rows).Where(i => fold_[i] == fold).ToArray();
            var model = AcceptanceTrainer.Train(table, train, settings with { Seed = settings.Seed + job }, ct);
            var probabilities = test.Select(i => model.Probability(table, i)).ToArray();
            var outcomes = test.Select(table.Accepted).ToArray();
            var baseRate = Enumerable.Repeat(model.BaseRate, test.Length).ToArray();
            results[job] = new FoldResult(repeat, fold, test.Length, AcceptanceMetrics.Auc(probabilities, outcomes),
                AcceptanceMetrics.Brier(probabilities, outcomes), AcceptanceMetrics.Brier(baseRate, outcomes), model.Training);
        });
        return new CrossValidationResult(folds, repeats, results);
    }

    /// <summary>Each row's fold: the accepted rows shuffled and dealt round the folds, then the declined ones.</summary>
    internal static int[] Folds(AcceptanceTable table, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new int[table.Rows];
        foreach (var outcome in new[] { true, false })
        {
            var group = Enumerable.Range(0, table.Rows).Where(i => table.Accepted(i) == outcome).ToArray();
            random.Shuffle(group);
            for (var k = 0; k < group.Length; k++) fold[group[k]] = k % folds;
        }
        return fold;
    }
}
