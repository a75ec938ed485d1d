using System.Globalization;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Localization;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>A file of offers read for the acceptance model: its table, the target's values as found, and what was skipped.</summary>
public sealed record AcceptanceFileData(AcceptanceTable Table, IReadOnlyList<string> Dropped, IReadOnlyDictionary<string, int> TargetValues, int SkippedLines, long FirstSkippedLine);

/// <summary>The file cannot be learnt from (the positive value never occurs, one outcome only, too few rows); the message says why, in the user's language.</summary>
public sealed class AcceptanceFileException(string message) : Exception(message);

/// <summary>
/// Reads a CSV of offers with their outcome (through <see cref="CsvFileReader"/>: encoding and separator detected,
/// quotes) into an <see cref="AcceptanceTable"/>. A column whose every non-empty value is a number (invariant
/// culture) is numeric, any other categorical; empty and NA are missing.
/// </summary>
public static class AcceptanceFile
{
    public static AcceptanceFileData Read(CsvFileReader csv, PropensityOptions options, CancellationToken ct = default)
    {
        var header = csv.Header;
        var target = IndexOf(header, options.Target);
        var features = Enumerable.Range(0, header.Count).Where(c => c != target && !options.Drop.Contains(header[c])).ToArray();
        var records = new List<string[]>();
        var skipped = 0;
        long firstSkipped = 0;
        while (csv.Read() is { } record)
        {
            if ((records.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            if (record.Problem is not null || record.Fields.Length != header.Count)
            {
                if (skipped++ == 0) firstSkipped = record.Line;
                continue;
            }
            records.Add(record.Fields);
        }
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var v = r[target].Trim();
            values[v] = values.GetValueOrDefault(v) + 1;
        }
        var seen = string.Join(", ", values.OrderByDescending(v => v.Value).Take(10).Select(v => $"'{v.Key}' ({v.Value:N0})"));
        if (records.Count == 0) throw new AcceptanceFileException(Messages.Text("Acceptance_NoRows", skipped));
        if (!values.TryGetValue(options.Positive, out var positives))
            throw new AcceptanceFileException(Messages.Text("Acceptance_PositiveNeverOccurs", options.Positive, options.Target, seen));
        if (positives == records.Count)
            throw new AcceptanceFileException(Messages.Text("Acceptance_OneClass", options.Target, options.Positive));
        var fewer = Math.Min(positives, records.Count - positives);
        if (fewer < 2 * options.Folds)
            throw new AcceptanceFileException(Messages.Text("Acceptance_TooFew", fewer, options.Folds, 2 * options.Folds));

        var columns = new AcceptanceColumn[features.Length];
        var matrix = new double[records.Count * features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            var c = features[f];
            var numeric = records.Any(r => !IsMissing(r[c])) && records.All(r => IsMissing(r[c]) || TryNumber(r[c], out _));
            if (numeric)
            {
                columns[f] = new AcceptanceColumn(header[c], AcceptanceColumnKind.Numeric);
                for (var i = 0; i < records.Count; i++) matrix[i * features.Length + f] = TryNumber(records[i][c], out var x) ? x : double.NaN;
            }
            else
            {
                var categories = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < records.Count; i++)
                {
                    var v = records[i][c].Trim();
                    if (IsMissing(v)) { matrix[i * features.Length + f] = double.NaN; continue; }
                    if (!categories.TryGetValue(v, out var index)) categories[v] = index = categories.Count;
                    matrix[i * features.Length + f] = index;
                }
                columns[f] = new AcceptanceColumn(header[c], AcceptanceColumnKind.Categorical, categories.OrderBy(p => p.Value).Select(p => p.Key).ToArray());
            }
        }
        var accepted = records.Select(r => r[target].Trim() == options.Positive).ToArray();
        var table = new AcceptanceTable(new AcceptanceSchema(columns), matrix, accepted);
        return new AcceptanceFileData(table, options.Drop, values, skipped, firstSkipped);
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
            if (header[i] == column) return i;
        throw new AcceptanceFileException(Messages.Text("Acceptance_TargetMissing", column, string.Join(", ", header)));
    }

    private static bool IsMissing(string value) => value.Length == 0 || value.Trim() is "" or "NA" or "N/A";

    /// <summary>A number as files write it for machines: invariant culture, no thousands separators.</summary>
    public static bool TryNumber(string? value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
