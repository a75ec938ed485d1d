namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>The model and a Beta–Bernoulli baseline on the most recent offers, trained on the earlier ones.</summary>
/// <param name="BaselineAuc">A per-level acceptance rate with a Beta prior (the engine's old estimate), learnt on the same rows; null without a baseline column.</param>
public sealed record TemporalHoldoutResult(
    int TrainRows, int TestRows, int TestAccepted, double Auc, double AucLow, double AucHigh, double Brier, double BaseRateBrier,
    string? BaselineColumn, double? BaselineAuc, double? BaselineLow, double? BaselineHigh, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>Test offers of one tenth of the predicted probabilities: what the model said on average, and what happened.</summary>
public sealed record ReliabilityBin(int Offers, double Predicted, double Observed);

/// <summary>
/// A temporal split, as the model is used: train on the first rows of a file in time order, score the last share of them,
/// the AUC with a 95 % bootstrap interval over the test offers (1,000 resamples, the same for model and baseline).
/// </summary>
public static class TemporalHoldout
{
    /// <summary>Pseudo-observations of the baseline's prior (the overall rate), as the engine's offer-learning view uses.</summary>
    public const double PriorStrength = 20;

    public static TemporalHoldoutResult Run(AcceptanceTable table, AcceptanceSettings settings, double testShare, string? baselineColumn, CancellationToken ct = default)
    {
        var testRows = (int)Math.Round(table.Rows * testShare);
        var trainRows = table.Rows - testRows;
        var train = Slice(table, 0, trainRows);
        var test = Slice(table, trainRows, testRows);
        var model = AcceptanceTrainer.Train(train, settings, ct);
        var probabilities = new double[testRows];
        var accepted = new bool[testRows];
        for (var i = 0; i < testRows; i++) (probabilities[i], accepted[i]) = (model.Probability(test.Row(i)), test.Accepted(i));
        var baseRate = (double)train.AcceptedCount / train.Rows;
        var baseRateBrier = accepted.Average(a => (a ? 1 - baseRate : baseRate) * (a ? 1 - baseRate : baseRate));

        double[]? baseline = null;
        var column = baselineColumn is null ? -1 : table.Schema.IndexOf(baselineColumn);
        if (column >= 0)
        {
            var counts = new Dictionary<double, (int N, int Accepted)>();
            for (var i = 0; i < train.Rows; i++)
            {
                var level = train.Value(i, column);
                var c = counts.GetValueOrDefault(level);
                counts[level] = (c.N + 1, c.Accepted + (train.Accepted(i) ? 1 : 0));
            }
            baseline = new double[testRows];
            for (var i = 0; i < testRows; i++)
            {
                var c = counts.GetValueOrDefault(test.Value(i, column));
                baseline[i] = (c.Accepted + PriorStrength * baseRate) / (c.N + PriorStrength);
            }
        }
        var (auc, low, high, bAuc, bLow, bHigh) = Bootstrap(probabilities, baseline, accepted);
        return new TemporalHoldoutResult(trainRows, testRows, accepted.Count(a => a), auc, low, high, AcceptanceMetrics.Brier(probabilities, accepted), baseRateBrier,
            column >= 0 ? baselineColumn : null, bAuc, bLow, bHigh, Reliability(probabilities, accepted));
    }

    /// <summary>The reliability diagram as a table: the test offers in ten equal groups by predicted probability.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(double[] probabilities, bool[] accepted, int bins = 10)
    {
        var order = Enumerable.Range(0, probabilities.Length).OrderBy(i => probabilities[i]).ToArray();
        var result = new List<ReliabilityBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            var (from, to) = (order.Length * b / bins, order.Length * (b + 1) / bins);
            if (to <= from) continue;
            var group = order[from..to];
            result.Add(new ReliabilityBin(group.Length, group.Average(i => probabilities[i]), group.Average(i => accepted[i] ? 1.0 : 0)));
        }
        return result;
    }

    /// <summary>The AUC with its 95 % bootstrap interval over the offers (1,000 resamples).</summary>
    internal static (double Auc, double Low, double High) AucInterval(double[] scores, bool[] accepted)
    {
        var (auc, low, high, _, _, _) = Bootstrap(scores, null, accepted);
        return (auc, low, high);
    }

    private static (double, double, double, double?, double?, double?) Bootstrap(double[] scores, double[]? baseline, bool[] accepted)
    {
        var auc = AcceptanceMetrics.Auc(scores, accepted);
        double? bAuc = baseline is null ? null : AcceptanceMetrics.Auc(baseline, accepted);
        var random = new Random(1);
        var n = scores.Length;
        var s = new double[n];
        var b = new double[n];
        var a = new bool[n];
        var model = new List<double>(1000);
        var base0 = new List<double>(1000);
        for (var r = 0; r < 1000; r++)
        {
            for (var i = 0; i < n; i++)
            {
                var j = random.Next(n);
                (s[i], a[i]) = (scores[j], accepted[j]);
                if (baseline is not null) b[i] = baseline[j];
            }
            if (a.All(x => x) || !a.Any(x => x)) continue;
            model.Add(AcceptanceMetrics.Auc(s, a));
            if (baseline is not null) base0.Add(AcceptanceMetrics.Auc(b, a));
        }
        model.Sort();
        base0.Sort();
        double Q(List<double> xs, double q) => xs[(int)Math.Clamp(Math.Round(q * (xs.Count - 1)), 0, xs.Count - 1)];
        return (auc, Q(model, 0.025), Q(model, 0.975), bAuc, baseline is null ? null : Q(base0, 0.025), baseline is null ? null : Q(base0, 0.975));
    }

    private static AcceptanceTable Slice(AcceptanceTable table, int from, int count)
    {
        var width = table.Schema.Count;
        var values = new double[count * width];
        var accepted = new bool[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            table.Row(from + i).CopyTo(values.AsSpan(i * width, width));
            (accepted[i], weights[i]) = (table.Accepted(from + i), table.Weight(from + i));
        }
        return new AcceptanceTable(table.Schema, values, accepted, weights); // an explored offer keeps its weight in the half it falls in
    }
}
