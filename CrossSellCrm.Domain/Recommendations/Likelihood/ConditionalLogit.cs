namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// A conditional (multinomial) logit over groups of candidates: within each validation case, which of its candidates
/// were bought — P(i | case) = e^(w·xᵢ) / Σₖ e^(w·xₖ). It learns what ranks one candidate above another in the same
/// case, which is the engine's question; a pointwise logistic regression instead spends its weights telling the many
/// rare items from the few common ones, and on a file like the bakery's it leant so far on popularity that the
/// item–item signal no longer changed the top three (hit@3 0.376, popularity's; this fit: ADR 16's addendum).
/// The intercept cancels within a case, so the trainer calibrates the score afterwards.
/// </summary>
internal static class ConditionalLogit
{
    /// <param name="x">Row-major inputs, <paramref name="d"/> per candidate.</param>
    /// <param name="y">1 for a candidate that was bought.</param>
    /// <param name="groups">Each case's candidates as a run of rows.</param>
    /// <returns>The weights on the original scale; all zero when no case has a bought candidate.</returns>
    public static double[] Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, int d, IReadOnlyList<(int Start, int Count)> groups, double penalty = 1.0)
    {
        var n = y.Count;
        var (mean, sd, used) = LikelihoodTrainer.Moments(x, n, d);
        var weights = new double[d];
        // Only cases with something bought among their candidates say anything about the order.
        var informative = groups.Where(g => Positives(g) > 0).ToArray();
        if (used.Length == 0 || informative.Length == 0) return weights;
        var p = used.Length;
        var z = new double[n * p];
        for (var i = 0; i < n; i++)
            for (var a = 0; a < p; a++) z[i * p + a] = (x[i * d + used[a]] - mean[used[a]]) / sd[used[a]];

        var w = new double[p];
        var objective = Objective(w);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[p];
            var hessian = new double[p * p];
            var expected = new double[p];
            var eta = new double[n];
            foreach (var (start, count) in informative)
            {
                var positives = Positives((start, count));
                var max = double.NegativeInfinity;
                for (var i = start; i < start + count; i++) max = Math.Max(max, eta[i] = Dot(w, z.AsSpan(i * p, p)));
                var total = 0.0;
                for (var i = start; i < start + count; i++) total += eta[i] = Math.Exp(eta[i] - max);
                Array.Clear(expected);
                for (var i = start; i < start + count; i++)
                {
                    var share = eta[i] / total;
                    var zi = z.AsSpan(i * p, p);
                    for (var a = 0; a < p; a++)
                    {
                        expected[a] += share * zi[a];
                        gradient[a] += y[i] * zi[a];
                        for (var b = 0; b <= a; b++) hessian[a * p + b] += positives * share * zi[a] * zi[b];
                    }
                }
                for (var a = 0; a < p; a++)
                {
                    gradient[a] -= positives * expected[a];
                    for (var b = 0; b <= a; b++) hessian[a * p + b] -= positives * expected[a] * expected[b];
                }
            }
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b < a; b++) hessian[b * p + a] = hessian[a * p + b];
                gradient[a] -= penalty * w[a];
                hessian[a * p + a] += penalty;
            }
            SymmetricInverse.InPlace(hessian, p);
            var step = new double[p];
            for (var a = 0; a < p; a++)
                for (var b = 0; b < p; b++) step[a] += hessian[a * p + b] * gradient[b];
            (w, objective, var change) = DampedNewton.Step(w, step, objective, Objective);
            if (change < 1e-7) break;
        }
        for (var a = 0; a < p; a++) weights[used[a]] = w[a] / sd[used[a]];
        return weights;

        double Positives((int Start, int Count) g)
        {
            var sum = 0.0;
            for (var i = g.Start; i < g.Start + g.Count; i++) sum += y[i];
            return sum;
        }

        // The penalised log-likelihood: Σ over bought candidates of w·z − log Σₖ e^(w·zₖ), minus ½·penalty·|w|².
        double Objective(double[] v)
        {
            var sum = 0.0;
            foreach (var (start, count) in informative)
            {
                var max = double.NegativeInfinity;
                for (var i = start; i < start + count; i++) max = Math.Max(max, Dot(v, z.AsSpan(i * p, p)));
                var total = 0.0;
                for (var i = start; i < start + count; i++) total += Math.Exp(Dot(v, z.AsSpan(i * p, p)) - max);
                var logTotal = max + Math.Log(total);
                for (var i = start; i < start + count; i++)
                    if (y[i] > 0) sum += y[i] * (Dot(v, z.AsSpan(i * p, p)) - logTotal);
            }
            for (var a = 0; a < p; a++) sum -= 0.5 * penalty * v[a] * v[a];
            return sum;
        }
    }

    private static double Dot(double[] w, ReadOnlySpan<double> z)
    {
        var sum = 0.0;
        for (var a = 0; a < w.Length; a++) sum += w[a] * z[a];
        return sum;
    }
}
