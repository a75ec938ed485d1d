using System.Globalization;
using System.Text.RegularExpressions;

namespace CrossSellCrm.Domain.Imports;

/// <summary>
/// How a file writes numbers and dates. en-US: decimal point, <c>M/d/yyyy</c>; en-GB: decimal point, <c>dd/MM/yyyy</c> and
/// <c>dd-MM-yyyy</c>; de-DE: decimal comma, <c>dd.MM.yyyy</c> and <c>dd-MM-yyyy</c>. ISO dates (<c>yyyy-MM-dd</c>, with a
/// time or not) are read in every culture. Thousands separators are read only in whole groups of three, so that
/// "2.55" in a German file is refused instead of becoming 255. <c>NA</c>, <c>N/A</c>, <c>NULL</c> and empty are missing.
/// </summary>
public sealed partial class ImportCulture
{
    public static readonly IReadOnlyList<string> Supported = ["en-US", "en-GB", "de-DE"];

    private static readonly string[] Iso =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
    ];

    private readonly string[] _dateFormats;

    public string Name { get; }
    public CultureInfo Culture { get; }
    public char DecimalSeparator => Culture.NumberFormat.NumberDecimalSeparator[0];
    /// <summary>The date formats tried, in order: a file's own format (<c>--date-format</c>) first, then the culture's, then ISO.</summary>
    public IReadOnlyList<string> DateFormats => _dateFormats;

    public ImportCulture(string name, string? dateFormat = null)
    {
        if (!Supported.Contains(name)) throw new ArgumentException(Localization.Messages.Text("Import_CultureUnknown", name, string.Join(", ", Supported)), nameof(name));
        Name = name;
        Culture = CultureInfo.GetCultureInfo(name);
        string[] own = name switch
        {
            "de-DE" => ["dd.MM.yyyy", "d.M.yyyy", "dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "dd.MM.yy", "dd-MM-yyyy", "dd-MM-yyyy HH:mm"],
            "en-GB" => ["dd/MM/yyyy", "d/M/yyyy", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss", "d/M/yyyy H:mm", "dd-MM-yyyy", "dd-MM-yyyy HH:mm"],
            _ => ["M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "MM/dd/yyyy", "M/d/yy"],
        };
        _dateFormats = [.. dateFormat is { Length: > 0 } f ? [f] : Array.Empty<string>(), .. own, .. Iso];
    }

    /// <summary>The culture a file most likely uses: German when its separator is a semicolon (what German Excel writes).</summary>
    public static string Guess(char separator) => separator == ';' ? "de-DE" : "en-US";

    public static bool IsMissing(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() is "NA" or "N/A" or "n/a" or "NULL" or "null" or "#N/A" or "-";

    public bool TryDecimal(string value, out decimal result)
    {
        var text = value.Trim().Replace("\u00A0", "").Replace(" ", "");
        foreach (var symbol in (string[])["€", "$", "£", "EUR", "USD", "GBP"]) text = text.Replace(symbol, "");
        var groups = DecimalSeparator == ',' ? GermanGroups() : EnglishGroups();
        var styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (groups.IsMatch(text)) styles |= NumberStyles.AllowThousands;
        return decimal.TryParse(text, styles, Culture, out result);
    }

    public bool TryInteger(string value, out int result)
    {
        result = 0;
        if (!TryDecimal(value, out var number) || number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue) return false;
        result = (int)number;
        return true;
    }

    /// <summary>A date and time as written (no time zone: taken as UTC, as the CRM stores times); with an offset, converted to UTC.</summary>
    public bool TryDateTime(string value, out DateTime result)
    {
        var text = value.Trim();
        if (DateTime.TryParseExact(text, _dateFormats, Culture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out result))
        {
            result = DateTime.SpecifyKind(result, DateTimeKind.Utc);
            return true;
        }
        return false;
    }

    public bool TryDate(string value, out DateOnly result)
    {
        result = default;
        if (!TryDateTime(value, out var at)) return false;
        result = DateOnly.FromDateTime(at);
        return true;
    }

    /// <summary>yes/no in English and German, 1/0, true/false, x (a ticked Excel column).</summary>
    public static bool TryBoolean(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "y" or "ja" or "j" or "wahr" or "x" or "granted" or "erteilt": result = true; return true;
            case "0" or "false" or "no" or "n" or "nein" or "falsch" or "withdrawn" or "widerrufen": result = false; return true;
            default: result = false; return false;
        }
    }

    /// <summary>A key written by a spreadsheet as a number ("17850.0") is the key "17850".</summary>
    public static string Key(string value)
    {
        var text = value.Trim();
        return WholeNumberWithZeros().IsMatch(text) ? text[..text.IndexOf('.')] : text;
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")]
    private static partial Regex GermanGroups();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex EnglishGroups();

    [GeneratedRegex(@"^\d+\.0+$")]
    private static partial Regex WholeNumberWithZeros();
}
