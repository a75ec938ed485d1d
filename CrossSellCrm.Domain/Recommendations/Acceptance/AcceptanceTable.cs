namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Offers with their outcome, as feature rows of one schema: what the acceptance model learns from. Row-major, one
/// array: a million offers of sixteen columns are one 128 MB block rather than a million small arrays.
/// </summary>
public sealed class AcceptanceTable
{
    private readonly double[] _values;
    private readonly bool[] _accepted;

    /// <param name="values">Rows × schema columns, row-major (see <see cref="AcceptanceSchema"/> for what a value is).</param>
    public AcceptanceTable(AcceptanceSchema schema, double[] values, bool[] accepted)
    {
        if (values.Length != accepted.Length * schema.Count) throw new ArgumentException("values must hold rows × columns numbers.", nameof(values));
        (Schema, _values, _accepted) = (schema, values, accepted);
    }

    public AcceptanceSchema Schema { get; }
    public int Rows => _accepted.Length;
    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * Schema.Count, Schema.Count);
    public double Value(int row, int column) => _values[row * Schema.Count + column];
    public bool Accepted(int row) => _accepted[row];
    public int AcceptedCount => _accepted.Count(a => a);
}
