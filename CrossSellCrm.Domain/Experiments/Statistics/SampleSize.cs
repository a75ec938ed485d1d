namespace CrossSellCrm.Domain.Experiments.Statistics;

/// <summary>Customers an experiment needs per arm to find a given effect with a given power (fixed horizon, two-sided).</summary>
public static class SampleSize
{
    /// <summary>
    /// For conversion rates (Fleiss, without continuity correction): the control's size, for a variant of
    /// <paramref name="ratio"/> times as many customers. n₀ = [z₁₋α/₂ √(p̄q̄(1 + 1/k)) + z₁₋β √(p₀q₀ + p₁q₁/k)]² / Δ².
    /// </summary>
    /// <param name="baseline">The control's expected rate p₀.</param>
    /// <param name="effect">The smallest absolute difference worth finding, Δ = p₁ − p₀ (either sign).</param>
    public static int ForProportions(double baseline, double effect, double power = 0.8, double alpha = 0.05, double ratio = 1)
    {
        var p1 = baseline + effect;
        if (!(baseline > 0 && baseline < 1)) throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "A rate between 0 and 1.");
        if (effect == 0 || !(p1 > 0 && p1 < 1)) throw new ArgumentOutOfRangeException(nameof(effect), effect, "The variant's rate must differ from the baseline and lie between 0 and 1.");
        Check(power, alpha, ratio);
        var (za, zb) = (NormalDistribution.Quantile(1 - alpha / 2), NormalDistribution.Quantile(power));
        var pBar = (baseline + ratio * p1) / (1 + ratio);
        var root = za * Math.Sqrt(pBar * (1 - pBar) * (1 + 1 / ratio)) + zb * Math.Sqrt(baseline * (1 - baseline) + p1 * (1 - p1) / ratio);
        return (int)Math.Ceiling(root * root / (effect * effect) - 1e-9);
    }

    /// <summary>For means (revenue per customer, AOV): n₀ = (z₁₋α/₂ + z₁₋β)² σ² (1 + 1/k) / Δ², with one standard deviation σ for both arms.</summary>
    public static int ForMeans(double standardDeviation, double effect, double power = 0.8, double alpha = 0.05, double ratio = 1)
    {
        if (!(standardDeviation > 0)) throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "A positive standard deviation.");
        if (effect == 0 || double.IsNaN(effect)) throw new ArgumentOutOfRangeException(nameof(effect), effect, "A difference other than zero.");
        Check(power, alpha, ratio);
        var z = NormalDistribution.Quantile(1 - alpha / 2) + NormalDistribution.Quantile(power);
        return (int)Math.Ceiling(z * z * standardDeviation * standardDeviation * (1 + 1 / ratio) / (effect * effect) - 1e-9);
    }

    private static void Check(double power, double alpha, double ratio)
    {
        if (!(power > 0.5 && power < 1)) throw new ArgumentOutOfRangeException(nameof(power), power, "Power between 0.5 and 1.");
        if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α between 0 and 0.5.");
        if (!(ratio > 0)) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "A positive allocation ratio.");
    }
}
