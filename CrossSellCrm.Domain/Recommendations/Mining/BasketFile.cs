using CrossSellCrm.Domain.Exports;
using CsvHelper;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>Input that cannot be read as baskets; the message says what and where.</summary>
public sealed class BasketFileException(string message) : Exception(message);

/// <summary>Reads baskets from the two file formats of the `mine` verb.</summary>
public static class BasketFile
{
    /// <summary>One basket per line, items separated by commas; items are trimmed, blank lines and empty items skipped.</summary>
    public static BasketSet ReadBaskets(TextReader reader)
    {
        var baskets = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            var items = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (items.Length > 0) baskets.Add(items);
        }
        if (baskets.Count == 0) throw new BasketFileException("the file holds no baskets (it is empty or only blank lines).");
        return BasketSet.FromItems(baskets);
    }

    /// <summary>
    /// A CSV file with a header, one line per (transaction, item). Lines of one transaction need not be
    /// adjacent. Columns are found by name, ignoring case; items listed in <paramref name="skipItems"/>
    /// (e.g. a "NONE" placeholder) and empty items are left out.
    /// </summary>
    public static BasketSet ReadTransactions(TextReader reader, string transactionColumn, string itemColumn, IReadOnlyCollection<string>? skipItems = null)
    {
        var order = new List<string>();
        var itemsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in ReadTransactionRows(reader, transactionColumn, itemColumn, null, skipItems))
        {
            if (!itemsOf.TryGetValue(row.Transaction, out var items))
            {
                itemsOf[row.Transaction] = items = [];
                order.Add(row.Transaction);
            }
            items.Add(row.Item);
        }
        if (order.Count == 0) throw new BasketFileException("the file holds no transactions with items.");
        return BasketSet.FromItems(order.Select(id => itemsOf[id]));
    }

    /// <summary>One (transaction, item[, customer]) line of a transactions file.</summary>
    public readonly record struct TransactionRow(string Transaction, string Item, string? Customer);

    /// <summary>The lines of a transactions file, in file order, with placeholder and empty items left out.</summary>
    public static IEnumerable<TransactionRow> ReadTransactionRows(TextReader reader, string transactionColumn, string itemColumn, string? customerColumn, IReadOnlyCollection<string>? skipItems)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true }, leaveOpen: true);
        var headers = csv.Headers;
        if (headers.Count == 0) throw new BasketFileException("the file is empty: a header line is expected.");
        var transaction = ColumnIndex(headers, transactionColumn, "--transaction-column");
        var item = ColumnIndex(headers, itemColumn, "--item-column");
        var customer = customerColumn is null ? -1 : ColumnIndex(headers, customerColumn, "--customer-column");
        var needed = Math.Max(Math.Max(transaction, item), customer);
        var skip = new HashSet<string>(skipItems ?? [], StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.FieldCount <= needed)
                throw new BasketFileException($"line {csv.RowNumber + 1} has {csv.FieldCount} fields; column {needed + 1} is needed.");
            var id = csv.GetString(transaction);
            var name = csv.GetString(item);
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(name) || skip.Contains(name)) continue;
            yield return new TransactionRow(id, name, customer < 0 ? null : csv.GetString(customer));
        }
    }

    private static int ColumnIndex(IReadOnlyList<string> headers, string name, string option)
    {
        for (var i = 0; i < headers.Count; i++)
            if (string.Equals(headers[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new BasketFileException($"{option}: no column '{name}'. The header has: {string.Join(", ", headers)}.");
    }

    /// <summary>
    /// The rules as RFC 4180 CSV: antecedent,consequent,support,confidence,lift,leverage,conviction,count.
    /// Item names are text cells (neutralised against formulas); leverage may be negative and stays a number.
    /// </summary>
    public static void WriteRules(TextWriter writer, MiningResult result)
    {
        writer.Write(Csv.File(["antecedent,consequent,support,confidence,lift,leverage,conviction,count"]));
        foreach (var rule in result.Rules)
            writer.Write(Csv.File([Csv.Row(
                Csv.Text(result.Describe(rule.Antecedent)), Csv.Text(result.Baskets.ItemNames[rule.Consequent]),
                Number(rule.Support), Number(rule.Confidence), Number(rule.Lift), Number(rule.Leverage), Number(rule.Conviction),
                Csv.Number(rule.Count))]));
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "Inf" : Csv.Number(value, "G15");
}
