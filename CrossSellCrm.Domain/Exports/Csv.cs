using System.Globalization;

namespace CrossSellCrm.Domain.Exports;

/// <summary>
/// Cells of the CSV files the app writes (RFC 4180, invariant numbers). Every export goes through here,
/// so that a customer's name like <c>=HYPERLINK(…)</c> opens in a spreadsheet as text, not as a formula.
/// </summary>
public static class Csv
{
    /// <summary>
    /// A text cell: a leading <c>= + - @</c>, tab or carriage return gets an apostrophe in front (spreadsheets
    /// run such cells as formulas; the apostrophe makes them text and is not shown), then quoted if needed.
    /// </summary>
    public static string Text(string? value) => Quoted(Neutralised(value ?? ""));

    /// <summary>Only the formula neutralisation, for a writer that quotes by itself.</summary>
    public static string Neutralised(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>A number cell: invariant culture, never neutralised, so that −12.5 stays the number −12.5.</summary>
    public static string Number(double value, string format = "0.####") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(decimal value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An empty cell for a missing number, else the number.</summary>
    public static string Number(double? value, string format = "0.####") => value is { } v ? Number(v, format) : "";

    public static string Number(decimal? value, string format = "0.00") => value is { } v ? Number(v, format) : "";

    public static string Number(long? value) => value is { } v ? Number(v) : "";

    /// <summary>A row of cells, each already made by <see cref="Text"/> or <see cref="Number(double, string)"/>.</summary>
    public static string Row(params IEnumerable<string> cells) => string.Join(",", cells);

    /// <summary>The whole file: rows ended by CRLF, as RFC 4180 says.</summary>
    public static string File(IEnumerable<string> rows) => string.Concat(rows.Select(r => r + "\r\n"));

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
