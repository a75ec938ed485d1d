namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Logistic regression over one-hot bins (quantile bins of numbers, categories): a weight per bin, so a number's effect
/// may bend (age: the young and the retired accept more) without choosing a shape. L2 on every weight, the intercept
/// free. Fitted by Newton's method: a row lights exactly one bin per column, so its share of the Hessian costs
/// columns², not bins², and a few hundred weights solve in milliseconds.
/// </summary>
internal sealed class BinnedLogistic : AcceptanceScorer
{
    private readonly double[] _weights; // per bin, all columns in one row (FeatureBins.Offsets)
    private readonly int[] _offsets;
    private readonly double _intercept;

    private BinnedLogistic(double[] weights, int[] offsets, double intercept, double[] importance) =>
        (_weights, _offsets, _intercept, Importance) = (weights, offsets, intercept, importance);

    public override double[] Importance { get; }
    public double Penalty { get; private init; }

    public override double Logit(ReadOnlySpan<byte> bins)
    {
        var logit = _intercept;
        for (var c = 0; c < bins.Length; c++) logit += _weights[_offsets[c] + bins[c]];
        return logit;
    }

    /// <summary>
    /// Solves H·x = g for a symmetric positive definite H (destroyed): a third of the work of inverting it, which is
    /// what counts with 27 columns of 34 bins (900 weights), tuned over five penalties on four inner folds.
    /// </summary>
    internal static double[] CholeskySolve(double[] h, double[] g, int n, CancellationToken ct)
    {
        for (var j = 0; j < n; j++)
        {
            if ((j & 63) == 0) ct.ThrowIfCancellationRequested();
            var rowJ = h.AsSpan(j * n, j);
            var d = h[j * n + j] - Dot(rowJ, rowJ);
            if (!(d > 0)) throw new ArgumentException($"The matrix is not positive definite (pivot {j} is {d}).", nameof(h));
            var l = Math.Sqrt(d);
            h[j * n + j] = l;
            for (var i = j + 1; i < n; i++)
                h[i * n + j] = (h[i * n + j] - Dot(h.AsSpan(i * n, j), rowJ)) / l;
        }
        var x = (double[])g.Clone();
        static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            var sum = 0.0;
            var i = 0;
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                var acc = System.Numerics.Vector<double>.Zero;
                var width = System.Numerics.Vector<double>.Count;
                for (; i <= a.Length - width; i += width) acc += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
                sum = System.Numerics.Vector.Sum(acc);
            }
            for (; i < a.Length; i++) sum += a[i] * b[i];
            return sum;
        }
        for (var i = 0; i < n; i++)
        {
            var sum = x[i];
            for (var k = 0; k < i; k++) sum -= h[i * n + k] * x[k];
            x[i] = sum / h[i * n + i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = x[i];
            for (var k = i + 1; k < n; k++) sum -= h[k * n + i] * x[k];
            x[i] = sum / h[i * n + i];
        }
        return x;
    }

    public static BinnedLogistic Fit(BinnedRows rows, FeatureBins bins, double penalty, CancellationToken ct)
    {
        var n = rows.Count;
        var columns = rows.Columns.Length;
        var p = bins.Total + 1; // the intercept last
        var w = new double[p];
        // Weighted throughout (a row stands for Weights[i] offers): the gradient, the Hessian and the likelihood sum w·(…).
        var weights = rows.Weights;
        double positives = 0, negatives = 0;
        for (var i = 0; i < n; i++)
        {
            if (rows.Accepted[i]) positives += weights[i];
            else negatives += weights[i];
        }
        w[^1] = Math.Log((positives + 0.5) / (negatives + 0.5));
        var eta = new double[n];
        var objective = Objective(w);
        var parts = n >= 50_000 ? Math.Max(1, Environment.ProcessorCount) : 1;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            // Gradient and Hessian of the log-likelihood, each core over its share of the rows into its own matrix.
            var gradients = new double[parts][];
            var hessians = new double[parts][];
            Parallel.For(0, parts, part =>
            {
                var g = new double[p];
                var h = new double[p * p];
                Span<int> active = stackalloc int[columns + 1];
                for (var i = part; i < n; i += parts)
                {
                    for (var c = 0; c < columns; c++) active[c] = bins.Offsets[c] + rows.Columns[c][i];
                    active[columns] = p - 1;
                    var prob = AcceptanceMetrics.Sigmoid(eta[i]);
                    var residual = ((rows.Accepted[i] ? 1 : 0) - prob) * weights[i];
                    var weight = Math.Max(prob * (1 - prob), 1e-12) * weights[i];
                    for (var a = 0; a <= columns; a++)
                    {
                        var ia = active[a];
                        g[ia] += residual;
                        var rowOffset = ia * p;
                        for (var b = 0; b <= columns; b++) h[rowOffset + active[b]] += weight;
                    }
                }
                gradients[part] = g;
                hessians[part] = h;
            });
            var gradient = gradients[0];
            var hessian = hessians[0];
            for (var part = 1; part < parts; part++)
            {
                for (var i = 0; i < p; i++) gradient[i] += gradients[part][i];
                for (var i = 0; i < hessian.Length; i++) hessian[i] += hessians[part][i];
            }
            for (var a = 0; a < p - 1; a++)
            {
                gradient[a] -= penalty * w[a];
                hessian[a * p + a] += penalty;
            }
            hessian[^1] += 1e-9;
            var step = CholeskySolve(hessian, gradient, p, ct);
            (w, objective, var change) = Likelihood.DampedNewton.Step(w, step, objective, Objective);
            if (change < 1e-6) break;
        }
        ComputeEta(w);

        // Importance: how far the column moves the log-odds across the training rows (the spread of its weight, weighted by the bins' rows).
        var importance = new double[columns];
        var total = positives + negatives;
        for (var c = 0; c < columns; c++)
        {
            var counts = new double[bins.Counts[c]];
            var column = rows.Columns[c];
            for (var i = 0; i < n; i++) counts[column[i]] += weights[i];
            double mean = 0, square = 0;
            for (var b = 0; b < counts.Length; b++)
            {
                var weight = w[bins.Offsets[c] + b];
                mean += counts[b] * weight / total;
                square += counts[b] * weight * weight / total;
            }
            importance[c] = Math.Sqrt(Math.Max(0, square - mean * mean));
        }
        return new BinnedLogistic(w[..^1], bins.Offsets, w[^1], importance) { Penalty = penalty };

        void ComputeEta(double[] v)
        {
            for (var i = 0; i < n; i++)
            {
                var e = v[^1];
                for (var c = 0; c < columns; c++) e += v[bins.Offsets[c] + rows.Columns[c][i]];
                eta[i] = e;
            }
        }

        // The penalised log-likelihood, Σ weight·(y·η − log(1 + e^η)) − ½·penalty·|w|²; fills eta for the next iteration.
        double Objective(double[] v)
        {
            ComputeEta(v);
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += weights[i] * ((rows.Accepted[i] ? eta[i] : 0) - AcceptanceMetrics.Softplus(eta[i]));
            for (var a = 0; a < p - 1; a++) sum -= 0.5 * penalty * v[a] * v[a];
            return sum;
        }
    }
}
