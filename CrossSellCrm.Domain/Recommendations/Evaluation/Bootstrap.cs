namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>
/// 95 % percentile bootstrap intervals over test cases: the cases are drawn again with replacement, 1,000 times, and
/// the 2.5th and 97.5th percentiles of the mean are the interval. Seeded, so a report is repeatable.
/// </summary>
public static class Bootstrap
{
    public const int Resamples = 1000;
    private const int Seed = 20261201;

    public static (double Low, double High) MeanInterval(IReadOnlyList<double> values) => Interval(values, null);

    /// <summary>The interval of the mean difference a − b over the same cases (a paired comparison).</summary>
    public static (double Low, double High) DifferenceInterval(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException("A paired comparison needs the same cases on both sides.");
        return Interval(a, b);
    }

    private static (double Low, double High) Interval(IReadOnlyList<double> a, IReadOnlyList<double>? b)
    {
        var n = a.Count;
        if (n == 0) return (0, 0);
        var random = new Random(Seed);
        var means = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var pick = random.Next(n);
                sum += b is null ? a[pick] : a[pick] - b[pick];
            }
            means[r] = sum / n;
        }
        Array.Sort(means);
        return (means[(int)(0.025 * Resamples)], means[(int)(0.975 * Resamples) - 1]);
    }
}
