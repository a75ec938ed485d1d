namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// One damped Newton step of a penalised logistic regression (the likelihood model's and the acceptance model's): a full
/// step can overshoot where inputs have long tails (a customer who owns a hundred related items — undamped, the
/// likelihood model's intercept ran away to -7e8), so the step is halved until the penalised log-likelihood rises.
/// </summary>
internal static class DampedNewton
{
    /// <returns>The new weights, their objective, and the largest change of a weight (for the convergence test).</returns>
    public static (double[] Weights, double Objective, double Change) Step(double[] w, double[] step, double objective, Func<double[], double> objectiveOf)
    {
        var p = w.Length;
        var t = 1.0;
        var next = new double[p];
        double nextObjective;
        while (true)
        {
            for (var a = 0; a < p; a++) next[a] = w[a] + t * step[a];
            nextObjective = objectiveOf(next);
            if (nextObjective >= objective - 1e-12 * Math.Abs(objective) || t < 1e-10) break;
            t /= 2;
        }
        var change = 0.0;
        for (var a = 0; a < p; a++) change = Math.Max(change, Math.Abs(next[a] - w[a]));
        return (next, nextObjective, change);
    }
}
