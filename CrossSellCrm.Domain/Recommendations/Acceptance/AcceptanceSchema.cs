namespace CrossSellCrm.Domain.Recommendations.Acceptance;

public enum AcceptanceColumnKind { Numeric, Categorical }

/// <summary>
/// One input column of the acceptance model. A categorical column knows its categories by name: a feature row carries
/// a category as its index here (as a double), so that scoring never looks up a string.
/// </summary>
public sealed class AcceptanceColumn
{
    private readonly Dictionary<string, int> _index;

    public AcceptanceColumn(string name, AcceptanceColumnKind kind, IReadOnlyList<string>? categories = null)
    {
        Name = name;
        Kind = kind;
        Categories = categories ?? [];
        _index = new Dictionary<string, int>(Categories.Count, StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++) _index.TryAdd(Categories[i], i);
    }

    public string Name { get; }
    public AcceptanceColumnKind Kind { get; }
    /// <summary>Categorical columns: the categories the data held, in order of first appearance.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The category's index, or NaN (missing: the model treats it as a category it never saw).</summary>
    public double CategoryOf(string value) => _index.TryGetValue(value, out var i) ? i : double.NaN;

    public override string ToString() => $"{Name} ({Kind})";
}

/// <summary>The columns a feature row holds, in order: a numeric value, or a categorical column's category index; NaN for missing.</summary>
public sealed class AcceptanceSchema
{
    private readonly Dictionary<string, int> _byName;

    public AcceptanceSchema(IReadOnlyList<AcceptanceColumn> columns)
    {
        Columns = columns;
        _byName = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) _byName.TryAdd(columns[i].Name, i);
    }

    public IReadOnlyList<AcceptanceColumn> Columns { get; }
    public int Count => Columns.Count;
    public AcceptanceColumn this[int index] => Columns[index];

    /// <summary>-1 when there is no such column.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>A feature row from text (as a file or a form holds it): numbers in the invariant culture; unknown or empty is missing.</summary>
    public void Encode(IReadOnlyList<string?> values, Span<double> row)
    {
        if (values.Count != Count || row.Length != Count) throw new ArgumentException($"A feature row has {Count} values.");
        for (var c = 0; c < Count; c++) row[c] = Encode(c, values[c]);
    }

    internal double Encode(int column, string? value)
    {
        var col = Columns[column];
        if (col.Kind == AcceptanceColumnKind.Categorical) return value is null ? double.NaN : col.CategoryOf(value);
        return AcceptanceFile.TryNumber(value, out var number) ? number : double.NaN;
    }
}
