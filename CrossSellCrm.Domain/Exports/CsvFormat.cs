using System.Globalization;

namespace CrossSellCrm.Domain.Exports;

/// <summary>
/// How an export writes its cells for the reader's spreadsheet: English, comma and decimal point; German, semicolon and
/// decimal comma (what German Excel opens directly). Dates are ISO in both, which the importer reads in every culture.
/// Text cells are neutralised against formulas as in <see cref="Csv"/>.
/// </summary>
public sealed class CsvFormat
{
    public static readonly CsvFormat English = new(',', CultureInfo.InvariantCulture, "en-US", "yes", "no");
    public static readonly CsvFormat German = new(';', CultureInfo.GetCultureInfo("de-DE"), "de-DE", "ja", "nein");

    private readonly string _yes, _no;
    private readonly char[] _quoteWhen;

    private CsvFormat(char separator, CultureInfo numbers, string importCulture, string yes, string no)
    {
        (Separator, Numbers, ImportCulture, _yes, _no) = (separator, numbers, importCulture, yes, no);
        _quoteWhen = [separator, '"', '\r', '\n'];
    }

    public char Separator { get; }
    public CultureInfo Numbers { get; }
    /// <summary>The importer's culture that reads this format back.</summary>
    public string ImportCulture { get; }

    /// <summary>The format for a reader of <paramref name="culture"/>.</summary>
    public static CsvFormat For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de" ? German : English;

    public string Text(string? value)
    {
        var text = Csv.Neutralised(value ?? "");
        return text.AsSpan().IndexOfAny(_quoteWhen) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    /// <summary>Money and other decimals: no thousands separators, the culture's decimal separator.</summary>
    public string Number(decimal? value) => value?.ToString("0.00##", Numbers) ?? "";

    public string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public string Date(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    public string Boolean(bool? value) => value is null ? "" : value.Value ? _yes : _no;

    public string Row(params IEnumerable<string> cells) => string.Join(Separator, cells) + "\r\n";
}
