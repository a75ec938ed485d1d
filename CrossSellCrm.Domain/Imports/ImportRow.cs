using CrossSellCrm.Domain.Localization;

namespace CrossSellCrm.Domain.Imports;

/// <summary>One record of the file seen through the mapping: its fields by name, read in the file's culture, and what was wrong.</summary>
public sealed class ImportRow
{
    private readonly CsvRecord _record;
    private readonly ColumnMap _map;
    private List<RowProblem>? _problems;

    internal ImportRow(CsvRecord record, ColumnMap map, ImportCulture culture)
    {
        _record = record;
        _map = map;
        Culture = culture;
        if (record.Problem is not null) Reject(null, null, record.Problem);
    }

    public long Line => _record.Line;
    public ImportCulture Culture { get; }
    public IReadOnlyList<RowProblem> Problems => (IReadOnlyList<RowProblem>?)_problems ?? [];
    public bool IsRejected => _problems?.Any(p => p.Outcome == ImportOutcome.Rejected) == true;
    public bool IsSkipped => !IsRejected && _problems?.Any(p => p.Outcome == ImportOutcome.Skipped) == true;

    public bool Has(string field) => _map.IndexOf(field) >= 0;

    /// <summary>The field's text, trimmed; null when the field is not mapped or the cell is missing (empty, NA, NULL).</summary>
    public string? Text(string field)
    {
        var index = _map.IndexOf(field);
        if (index < 0 || index >= _record.Fields.Length) return null;
        var value = _record.Fields[index];
        if (ImportCulture.IsMissing(value)) return null;
        value = value.Trim();
        // The apostrophe an export put before a cell that a spreadsheet would run as a formula ("'=SUM(…)", "'+49 …").
        return value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
    }

    /// <summary>A key (customer number, SKU, order number): a spreadsheet's "17850.0" is "17850".</summary>
    public string? Key(string field) => Text(field) is { } text ? ImportCulture.Key(text) : null;

    public string? Column(string field) => _map.ColumnOf(field);

    public decimal? Decimal(string field)
    {
        if (Text(field) is not { } text) return null;
        if (Culture.TryDecimal(text, out var value)) return value;
        Reject(field, text, Messages.Text("Import_NotANumber", Culture.DecimalSeparator == ',' ? Messages.Text("Import_DecimalComma") : Messages.Text("Import_DecimalPoint")));
        return null;
    }

    public int? Integer(string field)
    {
        if (Text(field) is not { } text) return null;
        if (Culture.TryInteger(text, out var value)) return value;
        Reject(field, text, Messages.Text("Import_NotAWholeNumber"));
        return null;
    }

    public DateTime? DateTime(string field)
    {
        if (Text(field) is not { } text) return null;
        if (Culture.TryDateTime(text, out var value)) return value;
        Reject(field, text, Messages.Text("Import_NotADate", string.Join(", ", Culture.DateFormats.Take(3))));
        return null;
    }

    public bool? Boolean(string field)
    {
        if (Text(field) is not { } text) return null;
        if (ImportCulture.TryBoolean(text, out var value)) return value;
        Reject(field, text, Messages.Text("Import_NotABoolean"));
        return null;
    }

    /// <summary>A value from a list of words (enum names and their English and German synonyms).</summary>
    public T? Choice<T>(string field, Func<string, T?> parse) where T : struct, Enum
    {
        if (Text(field) is not { } text) return null;
        if (parse(ImportFields.Normalise(text)) is { } value) return value;
        Reject(field, text, Messages.Text("Import_NotAChoice", string.Join(", ", Enum.GetNames<T>())));
        return null;
    }

    /// <summary>Several values in one cell, separated by <c>|</c> (or <c>,</c> when the file's separator is not a comma).</summary>
    public IReadOnlyList<string>? List(string field) =>
        Text(field)?.Split(['|', _map.Separator == ',' ? '|' : ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Reject(string? field, string? value, string message) => Add(new RowProblem(ImportOutcome.Rejected, field is null ? null : Column(field), value, message));

    public void Skip(string message) => Add(new RowProblem(ImportOutcome.Skipped, null, null, message));

    public void Duplicate(string field, string value, string message) => Add(new RowProblem(ImportOutcome.Duplicate, Column(field), value, message));

    private void Add(RowProblem problem) => (_problems ??= []).Add(problem);
}

public sealed record RowProblem(ImportOutcome Outcome, string? Column, string? Value, string Message);

/// <summary>Field name → the column index in the file, from the settings' mapping and the header.</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyDictionary<string, string> _mapping;

    public ColumnMap(IReadOnlyList<string> header, IReadOnlyDictionary<string, string> mapping, char separator)
    {
        _mapping = mapping;
        Separator = separator;
        _index = mapping.ToDictionary(p => p.Key, p => header.ToList().IndexOf(p.Value));
    }

    public char Separator { get; }

    public int IndexOf(string field) => _index.GetValueOrDefault(field, -1);

    public string? ColumnOf(string field) => _mapping.GetValueOrDefault(field);
}
