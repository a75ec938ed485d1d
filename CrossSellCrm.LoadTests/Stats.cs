using System.Globalization;

namespace CrossSellCrm.LoadTests;

/// <summary>n, median, 95th percentile (nearest rank) and maximum of a set of milliseconds.</summary>
public static class Stats
{
    public static string Describe(IReadOnlyCollection<double> ms)
    {
        if (ms.Count == 0) return "n=0";
        var sorted = ms.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length,3}  median {Rank(sorted, 0.5),6:F0} ms  p95 {Rank(sorted, 0.95),6:F0} ms  max {sorted[^1],6:F0} ms");
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
