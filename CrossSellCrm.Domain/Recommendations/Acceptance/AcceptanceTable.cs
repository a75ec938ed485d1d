namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Offers with their outcome, as feature rows of one schema: what the acceptance model learns from. Row-major, one
/// array: a million offers of sixteen columns are one 128 MB block rather than a million small arrays.
/// </summary>
public sealed class AcceptanceTable
{
    private readonly double[] _values;
    private readonly bool[] _accepted;
    private readonly double[] _weights;

    /// <param name="values">Rows × schema columns, row-major (see <see cref="AcceptanceSchema"/> for what a value is).</param>
    /// <param name="weights">
    /// How many offers each row stands for (null: one each). For inverse-propensity weighting: a row logged when the
    /// offer was shown with probability p weighs 1/p, so that the weighted rows stand for every candidate offer rather
    /// than the ones the logging policy preferred. Used as frequency weights: a row of weight 3 learns as three copies
    /// would, penalties and the minimum rows a leaf staying what they are.
    /// </param>
    public AcceptanceTable(AcceptanceSchema schema, double[] values, bool[] accepted, double[]? weights = null)
    {
        if (values.Length != accepted.Length * schema.Count) throw new ArgumentException("values must hold rows × columns numbers.", nameof(values));
        if (weights is not null)
        {
            if (weights.Length != accepted.Length) throw new ArgumentException("One weight per row.", nameof(weights));
            var total = 0.0;
            foreach (var w in weights)
            {
                if (!(w >= 0) || !double.IsFinite(w)) throw new ArgumentException($"A weight must be a finite number ≥ 0 (not {w}).", nameof(weights));
                total += w;
            }
            if (accepted.Length > 0 && !(total > 0)) throw new ArgumentException("The weights must not all be 0.", nameof(weights));
        }
        else
        {
            // Ones rather than a separate unweighted path: x · 1 is x exactly, so an unweighted table learns bit for bit as before.
            weights = new double[accepted.Length];
            Array.Fill(weights, 1.0);
        }
        (Schema, _values, _accepted, _weights) = (schema, values, accepted, weights);
    }

    public AcceptanceSchema Schema { get; }
    public int Rows => _accepted.Length;
    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * Schema.Count, Schema.Count);
    public double Value(int row, int column) => _values[row * Schema.Count + column];
    public bool Accepted(int row) => _accepted[row];
    /// <summary>How many offers the row stands for: 1 unless the table was given weights.</summary>
    public double Weight(int row) => _weights[row];
    public int AcceptedCount => _accepted.Count(a => a);
}
