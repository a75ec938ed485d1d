namespace CrossSellCrm.Domain.Experiments.Statistics;

/// <summary>
/// A variant's mean (revenue per customer) or ratio (AOV = revenue / orders) against the control's, with a percentile
/// bootstrap interval over customers for the difference and the relative lift, and a two-sided bootstrap p-value.
/// Revenue is skewed (most customers buy nothing in a window, a few buy a lot): the bootstrap needs no normality.
/// </summary>
public sealed record MeanComparison(
    double ControlValue, double VariantValue, double Difference, double DifferenceLow, double DifferenceHigh,
    double? RelativeLift, double? RelativeLow, double? RelativeHigh, double P)
{
    public const int Resamples = 2000;

    /// <summary>Means of one value per customer (revenue in the window).</summary>
    public static MeanComparison OfMeans(ReadOnlySpan<double> control, ReadOnlySpan<double> variant, int seed, double alpha = 0.05) =>
        Of(control, null, variant, null, seed, alpha);

    /// <summary>A ratio of sums over customers (Σ revenue / Σ orders): the customer is the unit that was randomised.</summary>
    public static MeanComparison OfRatios(ReadOnlySpan<double> controlNumerator, ReadOnlySpan<double> controlDenominator,
        ReadOnlySpan<double> variantNumerator, ReadOnlySpan<double> variantDenominator, int seed, double alpha = 0.05) =>
        Of(controlNumerator, controlDenominator.ToArray(), variantNumerator, variantDenominator.ToArray(), seed, alpha);

    private static MeanComparison Of(ReadOnlySpan<double> c, double[]? cd, ReadOnlySpan<double> v, double[]? vd, int seed, double alpha)
    {
        if (c.Length == 0 || v.Length == 0) throw new ArgumentOutOfRangeException(nameof(c), "Both arms need at least one customer.");
        var c0 = Value(c, cd);
        var v0 = Value(v, vd);
        var random = new Random(seed);
        var diffs = new double[Resamples];
        var lifts = new List<double>(Resamples);
        var cs = new double[c.Length];
        var csd = cd is null ? null : new double[c.Length];
        var vs = new double[v.Length];
        var vsd = vd is null ? null : new double[v.Length];
        for (var r = 0; r < Resamples; r++)
        {
            Resample(c, cd, cs, csd, random);
            Resample(v, vd, vs, vsd, random);
            var (a, b) = (Value(cs, csd), Value(vs, vsd));
            diffs[r] = b - a;
            if (a > 0) lifts.Add(b / a - 1);
        }
        Array.Sort(diffs);
        lifts.Sort();
        var atOrBelowZero = diffs.Count(d => d <= 0);
        var atOrAboveZero = diffs.Count(d => d >= 0);
        var p = Math.Min(1, 2.0 * Math.Min(atOrBelowZero, atOrAboveZero) / Resamples);
        double? lift = c0 > 0 ? v0 / c0 - 1 : null;
        return new MeanComparison(c0, v0, v0 - c0, Percentile(diffs, alpha / 2), Percentile(diffs, 1 - alpha / 2), lift,
            lift is null || lifts.Count < Resamples / 2 ? null : Percentile(lifts, alpha / 2),
            lift is null || lifts.Count < Resamples / 2 ? null : Percentile(lifts, 1 - alpha / 2), p);
    }

    public bool Significant => DifferenceLow > 0 || DifferenceHigh < 0;

    private static double Value(ReadOnlySpan<double> values, double[]? denominators)
    {
        double sum = 0;
        foreach (var x in values) sum += x;
        if (denominators is null) return sum / values.Length;
        var d = denominators.Sum();
        return d == 0 ? 0 : sum / d;
    }

    private static void Resample(ReadOnlySpan<double> values, double[]? denominators, double[] into, double[]? intoDenominators, Random random)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var j = random.Next(values.Length);
            into[i] = values[j];
            if (intoDenominators is not null) intoDenominators[i] = denominators![j];
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Count - 1, lower + 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
