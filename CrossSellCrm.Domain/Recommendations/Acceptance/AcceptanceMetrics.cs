namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>How good probabilities of acceptance are: pure functions over scores and outcomes.</summary>
public static class AcceptanceMetrics
{
    /// <summary>
    /// The area under the ROC curve: the chance that an accepted offer scores above a declined one, a tie counting half
    /// (Mann–Whitney U over mid-ranks). NaN when one of the two outcomes is absent.
    /// </summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> accepted)
    {
        if (scores.Length != accepted.Length) throw new ArgumentException("One score per outcome.");
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRanks = 0;
        long positives = 0;
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            var midRank = (start + 1 + end) / 2.0; // ranks start + 1 … end share their mean
            for (var i = start; i < end; i++)
                if (accepted[order[i]]) { positiveRanks += midRank; positives++; }
            start = end;
        }
        long negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>The Brier score: the mean squared difference between the probability and the outcome (1 accepted, 0 not). Lower is better.</summary>
    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> accepted)
    {
        if (probabilities.Length != accepted.Length) throw new ArgumentException("One probability per outcome.");
        if (probabilities.Length == 0) return double.NaN;
        var sum = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var d = probabilities[i] - (accepted[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.Length;
    }

    /// <summary>The mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15]. What the tuning minimises.</summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> accepted)
    {
        if (probabilities.Length != accepted.Length) throw new ArgumentException("One probability per outcome.");
        var sum = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= accepted[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / probabilities.Length;
    }

    /// <summary>
    /// The weighted mean negative log-likelihood, Σ w·loss / Σ w: what the tuning minimises when rows stand for more than
    /// one offer (inverse-propensity weights). Weights of 1 give <see cref="LogLoss(ReadOnlySpan{double}, ReadOnlySpan{bool})"/> exactly.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> accepted, ReadOnlySpan<double> weights)
    {
        if (probabilities.Length != accepted.Length || weights.Length != accepted.Length) throw new ArgumentException("One probability and one weight per outcome.");
        double sum = 0, total = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= weights[i] * (accepted[i] ? Math.Log(p) : Math.Log(1 - p));
            total += weights[i];
        }
        return sum / total;
    }

    internal static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    /// <summary>log(1 + e^x) without overflow.</summary>
    internal static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
