namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Platt scaling: P(accepted) = σ(Slope · score + Intercept), fitted on offers the learner did not train on. Boosted
/// trees stopped early and an L2-penalised regression both rank well but are off in scale (shrunk towards the base
/// rate, or over-confident); two numbers fix that without spoiling the ranking, and need far fewer held-out offers
/// than isotonic regression, which the tuning split of a file of 4,000 offers (90 acceptances) cannot spare.
/// </summary>
public sealed record PlattCalibration(double Slope, double Intercept)
{
    public static PlattCalibration Identity { get; } = new(1, 0);

    public double Apply(double score) => AcceptanceMetrics.Sigmoid(Slope * score + Intercept);

    /// <summary>
    /// Maximum likelihood by Newton's method, with Platt's targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2) instead of 1 and 0,
    /// which keep a perfectly separated calibration set from sending the slope to infinity.
    /// </summary>
    public static PlattCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> accepted)
    {
        var ones = new double[scores.Length];
        Array.Fill(ones, 1.0);
        return Fit(scores, accepted, ones);
    }

    /// <summary>
    /// The same with each offer counting <paramref name="weights"/> times (inverse-propensity weights): N₊ and N₋ are
    /// the weighted counts, so the calibrated rate is the weighted one — the rate of every candidate offer, not of those
    /// the logging policy happened to show. Weights of 1 give the unweighted fit exactly.
    /// </summary>
    public static PlattCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> accepted, ReadOnlySpan<double> weights)
    {
        if (scores.Length != accepted.Length || weights.Length != accepted.Length) throw new ArgumentException("One score and one weight per outcome.");
        double positives = 0, negatives = 0;
        for (var i = 0; i < accepted.Length; i++)
        {
            if (accepted[i]) positives += weights[i];
            else negatives += weights[i];
        }
        if (positives == 0 || negatives == 0) return Identity;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        double a0 = 1, b0 = Math.Log((positives + 1.0) / (negatives + 1.0));
        var objective = Loss(scores, accepted, weights, a0, b0, high, low);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (var i = 0; i < scores.Length; i++)
            {
                var p = AcceptanceMetrics.Sigmoid(a0 * scores[i] + b0);
                var t = accepted[i] ? high : low;
                var d = (p - t) * weights[i];
                var w = Math.Max(p * (1 - p), 1e-12) * weights[i];
                ga += d * scores[i];
                gb += d;
                haa += w * scores[i] * scores[i];
                hab += w * scores[i];
                hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (!(det > 0)) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            var step = 1.0;
            double a1, b1, next;
            while (true)
            {
                (a1, b1) = (a0 - step * da, b0 - step * db);
                next = Loss(scores, accepted, weights, a1, b1, high, low);
                if (next <= objective + 1e-12 || step < 1e-8) break;
                step /= 2;
            }
            var change = Math.Max(Math.Abs(a1 - a0), Math.Abs(b1 - b0));
            (a0, b0, objective) = (a1, b1, next);
            if (change < 1e-9) break;
        }
        return new PlattCalibration(a0, b0);
    }

    private static double Loss(ReadOnlySpan<double> scores, ReadOnlySpan<bool> accepted, ReadOnlySpan<double> weights, double a, double b, double high, double low)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var z = a * scores[i] + b;
            var t = accepted[i] ? high : low;
            // −[t·log σ(z) + (1 − t)·log(1 − σ(z))] = softplus(z) − t·z
            sum += weights[i] * (AcceptanceMetrics.Softplus(z) - t * z);
        }
        return sum;
    }
}
