using System.Globalization;
using CrossSellCrm.Domain.Recommendations.Mining;
using CsvHelper;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>Which columns of a purchases file mean what. Null columns are not in the file (or not to be used).</summary>
/// <param name="TimeColumns">One column, or several (e.g. a date and a time column) whose values are joined with a space.</param>
/// <param name="TimeFormat">A .NET exact format such as <c>yyyy-MM-dd HH:mm:ss</c>; null: any invariant date and time.</param>
public sealed record PurchaseFileColumns(
    string ItemColumn, string? TransactionColumn = null, string? CustomerColumn = null, IReadOnlyList<string>? TimeColumns = null,
    string? TimeFormat = null, string? QuantityColumn = null, IReadOnlyCollection<string>? SkipItems = null);

/// <summary>A purchases file read into events, with what was left out and why.</summary>
/// <param name="Anonymous">Each anonymous basket has a customer number of its own; such customers are never a test case.</param>
/// <param name="TimeKnown">False when the file has no time column: a basket's place in the file stands in for its time.</param>
public sealed record PurchaseFileData(
    List<PurchaseEvent> Events, IReadOnlyList<string> ItemNames, int Baskets, int Customers, IReadOnlySet<int> Anonymous, bool TimeKnown,
    int Lines, int ReturnsDropped, int AnonymousLines, int SkippedLines);

/// <summary>
/// Reads purchase lines from a CSV file (the separator is detected: comma, semicolon, tab or bar) or from a baskets file
/// (one basket a line, no header). Without a transaction column a basket is one customer's lines at one time value.
/// Returns (a negative quantity, or a transaction number starting with 'C') are dropped and counted; NA and empty customer
/// keys are anonymous.
/// </summary>
public static class PurchaseFile
{
    private static readonly HashSet<string> AnonymousKeys = new(["", "NA", "N/A", "nan", "NaN", "null", "NULL", "None"], StringComparer.Ordinal);
    private static readonly DateTime FileStart = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static PurchaseFileData ReadBaskets(TextReader reader, BasketFileLimits? limits = null, CancellationToken ct = default)
    {
        // The items in the line's order, not the miner's sorted ids: basket completion hides a basket's last item, and the
        // highest id (the item the file named first the latest) would be a different, rarer question.
        var (baskets, inFileOrder) = BasketFile.ReadBasketsInFileOrder(reader, limits, ct);
        var events = new List<PurchaseEvent>();
        for (var b = 0; b < baskets.Count; b++)
            foreach (var item in inFileOrder[b]) events.Add(new PurchaseEvent(-(b + 1), b, FileStart.AddMinutes(b), item));
        var anonymous = Enumerable.Range(0, baskets.Count).Select(b => -(b + 1)).ToHashSet();
        return new PurchaseFileData(events, baskets.ItemNames, baskets.Count, 0, anonymous, false, baskets.Count, 0, 0, 0);
    }

    public static PurchaseFileData ReadTransactions(TextReader reader, PurchaseFileColumns columns, BasketFileLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= new BasketFileLimits();
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, MaxRecordSize = limits.MaxLineLength }, leaveOpen: true);
        IReadOnlyList<string> headers;
        try { headers = csv.Headers; }
        catch (CsvFormatException e) { throw new BasketFileException($"the header cannot be read ({e.Message})."); }
        if (headers.Count == 0) throw new BasketFileException("the file is empty: a header line is expected.");
        var item = ColumnIndex(headers, columns.ItemColumn, "--item-column");
        var transaction = columns.TransactionColumn is null ? -1 : ColumnIndex(headers, columns.TransactionColumn, "--transaction-column");
        var customer = columns.CustomerColumn is null ? -1 : ColumnIndex(headers, columns.CustomerColumn, "--customer-column");
        var times = (columns.TimeColumns ?? []).Select(c => ColumnIndex(headers, c, "--time-column")).ToArray();
        var quantity = columns.QuantityColumn is null ? -1 : ColumnIndex(headers, columns.QuantityColumn, "--quantity-column");
        var needed = new[] { item, transaction, customer, quantity }.Concat(times).Max();
        var skip = new HashSet<string>(columns.SkipItems ?? [], StringComparer.Ordinal);

        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var baskets = new Dictionary<string, int>(StringComparer.Ordinal);
        var basketTime = new List<DateTime>();
        var basketLines = new List<int>();
        var customers = new Dictionary<string, int>(StringComparer.Ordinal);
        var anonymous = new HashSet<int>();
        var events = new List<PurchaseEvent>();
        int lines = 0, returns = 0, anonymousLines = 0, skipped = 0;
        while (Read())
        {
            var line = (int)csv.RowNumber + 1; // the header is line 1
            if ((lines & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            lines++;
            if (csv.FieldCount <= needed) throw new BasketFileException($"line {line} has {csv.FieldCount} fields; column {needed + 1} is needed.");
            var name = csv.GetString(item);
            if (string.IsNullOrEmpty(name) || skip.Contains(name))
            {
                skipped++;
                continue;
            }
            var transactionKey = transaction < 0 ? null : csv.GetString(transaction);
            if (transaction >= 0 && string.IsNullOrEmpty(transactionKey))
            {
                skipped++;
                continue;
            }
            if (quantity >= 0)
            {
                var text = csv.GetString(quantity);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
                    throw new BasketFileException($"line {line}: --quantity-column '{headers[quantity]}' holds '{text}', which is not a number.");
                if (amount < 0)
                {
                    returns++;
                    continue;
                }
            }
            if (transactionKey is { Length: > 0 } && transactionKey[0] == 'C')
            {
                returns++;
                continue;
            }
            DateTime? at = null;
            string timeText = "";
            if (times.Length > 0)
            {
                timeText = string.Join(' ', times.Select(t => csv.GetString(t)));
                at = ParseTime(timeText, columns.TimeFormat, line, columns.TimeColumns!);
            }
            var customerKey = customer < 0 ? null : csv.GetString(customer);
            var isAnonymous = customerKey is null || AnonymousKeys.Contains(customerKey);
            if (customer >= 0 && isAnonymous) anonymousLines++;
            var basketKey = transactionKey ?? (isAnonymous ? "\u0001" + timeText : customerKey + "\u0001" + timeText);
            if (!baskets.TryGetValue(basketKey, out var basket))
            {
                baskets[basketKey] = basket = baskets.Count;
                basketTime.Add(at ?? FileStart.AddMinutes(basket));
                basketLines.Add(0);
            }
            if (++basketLines[basket] > limits.MaxBasketItems)
                throw new BasketFileException(string.Create(CultureInfo.InvariantCulture,
                    $"basket '{basketKey.Replace('\u0001', ' ').Trim()}' (line {line}) holds more than {limits.MaxBasketItems:N0} items (--max-basket-items {limits.MaxBasketItems}); raise --max-basket-items if such baskets are real."));
            if (!items.TryGetValue(name, out var id))
            {
                items[name] = id = names.Count;
                names.Add(name);
            }
            // An anonymous basket is a customer of its own (so popularity counts it once), never a test case.
            int who;
            if (isAnonymous)
            {
                who = -(basket + 1);
                anonymous.Add(who);
            }
            else if (!customers.TryGetValue(customerKey!, out who)) customers[customerKey!] = who = customers.Count;
            // A transaction's lines share its first line's time, so a basket is never split by the split.
            events.Add(new PurchaseEvent(who, basket, basketTime[basket], id));
        }
        return new PurchaseFileData(events, names, baskets.Count, customers.Count, anonymous, times.Length > 0, lines, returns, anonymousLines, skipped);

        bool Read()
        {
            try { return csv.Read(); }
            catch (CsvFormatException e)
            {
                throw new BasketFileException(string.Create(CultureInfo.InvariantCulture,
                    $"a line cannot be read ({e.Message}); lines may be at most {limits.MaxLineLength:N0} characters. Is this a transactions CSV file?"));
            }
        }
    }

    private static DateTime ParseTime(string text, string? format, int line, IReadOnlyList<string> columns)
    {
        var parsed = format is null
            ? DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            : DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out at);
        if (parsed) return DateTime.SpecifyKind(at, DateTimeKind.Utc);
        var where = $"--time-column '{string.Join(",", columns)}'";
        throw new BasketFileException(format is null
            ? $"line {line}: {where} holds '{text}', which is not a date and time; give its format with --time-format (e.g. yyyy-MM-dd HH:mm:ss)."
            : $"line {line}: {where} holds '{text}', which does not match --time-format '{format}'.");
    }

    private static int ColumnIndex(IReadOnlyList<string> headers, string name, string option)
    {
        for (var i = 0; i < headers.Count; i++)
            if (string.Equals(headers[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new BasketFileException($"{option}: no column '{name}'. The header has: {string.Join(", ", headers)}.");
    }
}
