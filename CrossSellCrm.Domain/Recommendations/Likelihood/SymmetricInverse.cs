using System.Numerics;

namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// Inverts a symmetric positive definite matrix in place (Gauss–Jordan; no pivoting is needed for such a
/// matrix). The regularised Gram matrix of the item–item model is one: the ridge on its diagonal keeps it so.
/// </summary>
public static class SymmetricInverse
{
    /// <param name="a">Row-major n × n, replaced by its inverse.</param>
    /// <exception cref="ArgumentException">The matrix is not positive definite (a pivot is not positive).</exception>
    public static void InPlace(double[] a, int n, CancellationToken ct = default)
    {
        if (a.Length < n * n) throw new ArgumentException("The array is smaller than n × n.", nameof(a));
        var pivotRow = new double[n];
        // Rows are updated independently for each pivot: split them over the cores when the matrix is big enough to pay for it.
        var parallel = n >= 256;
        for (var k = 0; k < n; k++)
        {
            if ((k & 63) == 0) ct.ThrowIfCancellationRequested();
            var pivot = a[k * n + k];
            if (!(pivot > 0)) throw new ArgumentException($"The matrix is not positive definite (pivot {k} is {pivot}).", nameof(a));
            var inverse = 1 / pivot;
            a[k * n + k] = 1;
            var row = a.AsSpan(k * n, n);
            for (var j = 0; j < n; j++) row[j] *= inverse;
            row.CopyTo(pivotRow);
            if (parallel)
                Parallel.For(0, n, i => Eliminate(a, n, i, k, pivotRow));
            else
                for (var i = 0; i < n; i++) Eliminate(a, n, i, k, pivotRow);
        }
    }

    private static void Eliminate(double[] a, int n, int i, int k, double[] pivotRow)
    {
        if (i == k) return;
        var row = a.AsSpan(i * n, n);
        var factor = row[k];
        if (factor == 0) return;
        row[k] = 0;
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<double>(factor);
            var width = Vector<double>.Count;
            var pivot = pivotRow.AsSpan(0, n);
            for (; j <= n - width; j += width)
                (new Vector<double>(row[j..]) - f * new Vector<double>(pivot[j..])).CopyTo(row[j..]);
        }
        for (; j < n; j++) row[j] -= factor * pivotRow[j];
    }
}
