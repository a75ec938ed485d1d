namespace CrossSellCrm.Domain.Experiments.Statistics;

/// <summary>
/// A variant's conversion against the control's: the difference with its interval (unpooled Wald), the relative lift
/// with its interval (delta method), and the two-sided p-value of the pooled two-proportion z-test.
/// </summary>
public sealed record ProportionComparison(
    double ControlRate, double VariantRate, double Difference, double DifferenceLow, double DifferenceHigh,
    double? RelativeLift, double? RelativeLow, double? RelativeHigh, double Z, double P)
{
    /// <param name="alpha">Two-sided; the interval is at 1 − α.</param>
    public static ProportionComparison Of(long controlConversions, long controlN, long variantConversions, long variantN, double alpha = 0.05)
    {
        if (controlN <= 0 || variantN <= 0) throw new ArgumentOutOfRangeException(nameof(controlN), "Both arms need at least one customer.");
        if (controlConversions < 0 || controlConversions > controlN || variantConversions < 0 || variantConversions > variantN)
            throw new ArgumentOutOfRangeException(nameof(controlConversions), "Conversions must lie between 0 and the arm's size.");
        var z = NormalDistribution.Quantile(1 - alpha / 2);
        double p0 = (double)controlConversions / controlN, p1 = (double)variantConversions / variantN;
        var diff = p1 - p0;
        var se = Math.Sqrt(p0 * (1 - p0) / controlN + p1 * (1 - p1) / variantN);
        var pooled = (double)(controlConversions + variantConversions) / (controlN + variantN);
        var sePooled = Math.Sqrt(pooled * (1 - pooled) * (1.0 / controlN + 1.0 / variantN));
        var zStat = sePooled == 0 ? 0 : diff / sePooled;
        double? lift = null, low = null, high = null;
        if (p0 > 0)
        {
            // Var(p1 / p0) ≈ Var(p1) / p0² + p1² Var(p0) / p0⁴ (first-order Taylor expansion of the ratio).
            var seLift = Math.Sqrt(p1 * (1 - p1) / variantN / (p0 * p0) + p1 * p1 * p0 * (1 - p0) / controlN / Math.Pow(p0, 4));
            lift = p1 / p0 - 1;
            (low, high) = (lift - z * seLift, lift + z * seLift);
        }
        return new ProportionComparison(p0, p1, diff, diff - z * se, diff + z * se, lift, low, high, zStat, sePooled == 0 ? 1 : NormalDistribution.TwoSidedP(zStat));
    }

    /// <summary>The interval excludes no difference.</summary>
    public bool Significant => DifferenceLow > 0 || DifferenceHigh < 0;
}
