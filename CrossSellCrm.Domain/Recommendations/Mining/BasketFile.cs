using System.Globalization;
using CrossSellCrm.Domain.Exports;
using CsvHelper;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>How the items of one line of a baskets file are separated.</summary>
public enum BasketSeparator
{
    /// <summary>
    /// Commas if the start of the file (its first <see cref="BasketFile.AutoSeparatorWindow"/> characters) holds one, else
    /// whitespace: a comma-separated file has one in its first lines, and the FIMI benchmark files (retail.dat) have none.
    /// </summary>
    Auto,
    /// <summary>Commas; items are trimmed, so names may hold spaces ("mineral water").</summary>
    Comma,
    /// <summary>Any run of whitespace (spaces, tabs, …) between items; a comma is part of a name.</summary>
    Whitespace,
}

/// <summary>Input that cannot be read as baskets; the message says what and where.</summary>
public sealed class BasketFileException(string message) : Exception(message);

/// <summary>
/// Reads baskets from the two file formats of the `mine` verb. Reading stays within <see cref="BasketFileLimits"/> and
/// checks the cancellation token every few thousand lines, so neither a runaway line nor Ctrl-C waits for the end of the file.
/// </summary>
public static class BasketFile
{
    /// <summary>
    /// One basket per line; items separated by commas (and trimmed) or by whitespace, see <see cref="BasketSeparator"/>;
    /// blank lines and empty items skipped. Read in blocks rather than line by line: a line is never held whole (one line
    /// of 25 million items would be hundreds of megabytes before the first check), and each item name is stored once, as
    /// an id, however often it occurs (<see cref="BasketReader"/>).
    /// </summary>
    public static BasketSet ReadBaskets(TextReader reader, BasketFileLimits? limits = null, CancellationToken ct = default,
        BasketSeparator separator = BasketSeparator.Auto) => Read(reader, limits, ct, separator, keepFileOrder: false).Finish();

    /// <summary>As <see cref="ReadBaskets"/>, and each basket's items also in the order the line lists them (first occurrences).</summary>
    internal static (BasketSet Baskets, IReadOnlyList<int[]> InFileOrder) ReadBasketsInFileOrder(TextReader reader, BasketFileLimits? limits = null,
        CancellationToken ct = default)
    {
        var read = Read(reader, limits, ct, BasketSeparator.Auto, keepFileOrder: true);
        return (read.Finish(), read.InFileOrder);
    }

    private static BasketReader Read(TextReader reader, BasketFileLimits? limits, CancellationToken ct, BasketSeparator separator, bool keepFileOrder)
    {
        var block = new char[AutoSeparatorWindow];
        // The first block is read full (unless the file is shorter), so that Auto always judges the same 64K characters.
        var read = reader.ReadBlock(block);
        if (separator == BasketSeparator.Auto)
            separator = block.AsSpan(0, read).Contains(',') ? BasketSeparator.Comma : BasketSeparator.Whitespace;
        var baskets = new BasketReader(limits ?? new BasketFileLimits(), separator, keepFileOrder);
        for (; read > 0; read = reader.Read(block))
        {
            ct.ThrowIfCancellationRequested();
            baskets.Read(block.AsSpan(0, read));
        }
        return baskets;
    }

    /// <summary>How much of the start of a file <see cref="BasketSeparator.Auto"/> looks at, in characters (also the block size).</summary>
    public const int AutoSeparatorWindow = 64 * 1024;

    internal static BasketFileException TooManyItems(string where, BasketFileLimits limits) => new(Invariant(
        $"{where} holds more than {limits.MaxBasketItems:N0} items (--max-basket-items {limits.MaxBasketItems}); raise --max-basket-items if such baskets are real."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A CSV file with a header, one line per (transaction, item). Lines of one transaction need not be
    /// adjacent. Columns are found by name, ignoring case; items listed in <paramref name="skipItems"/>
    /// (e.g. a "NONE" placeholder) and empty items are left out.
    /// </summary>
    public static BasketSet ReadTransactions(TextReader reader, string transactionColumn, string itemColumn, IReadOnlyCollection<string>? skipItems = null,
        BasketFileLimits? limits = null, CancellationToken ct = default)
    {
        var order = new List<string>();
        var itemsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in ReadTransactionRows(reader, transactionColumn, itemColumn, null, skipItems, limits, ct))
        {
            if (!itemsOf.TryGetValue(row.Transaction, out var items))
            {
                itemsOf[row.Transaction] = items = [];
                order.Add(row.Transaction);
            }
            items.Add(row.Item);
        }
        if (order.Count == 0) throw new BasketFileException("the file holds no transactions with items.");
        return BasketSet.FromItems(order.Select(id => itemsOf[id]), ct);
    }

    /// <summary>One (transaction, item[, customer]) line of a transactions file.</summary>
    public readonly record struct TransactionRow(string Transaction, string Item, string? Customer);

    /// <summary>
    /// The lines of a transactions file, in file order, with placeholder and empty items left out. A line longer than
    /// <see cref="BasketFileLimits.MaxLineLength"/> or a transaction with more than <see cref="BasketFileLimits.MaxBasketItems"/>
    /// lines stops the reading.
    /// </summary>
    public static IEnumerable<TransactionRow> ReadTransactionRows(TextReader reader, string transactionColumn, string itemColumn, string? customerColumn,
        IReadOnlyCollection<string>? skipItems, BasketFileLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= new BasketFileLimits();
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, MaxRecordSize = limits.MaxLineLength }, leaveOpen: true);
        var headers = Guarded(() => csv.Headers, limits);
        if (headers.Count == 0) throw new BasketFileException("the file is empty: a header line is expected.");
        var transaction = ColumnIndex(headers, transactionColumn, "--transaction-column");
        var item = ColumnIndex(headers, itemColumn, "--item-column");
        var customer = customerColumn is null ? -1 : ColumnIndex(headers, customerColumn, "--customer-column");
        var needed = Math.Max(Math.Max(transaction, item), customer);
        var skip = new HashSet<string>(skipItems ?? [], StringComparer.Ordinal);
        var linesOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (Guarded(csv.Read, limits))
        {
            if ((csv.RowNumber & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
            if (csv.FieldCount <= needed)
                throw new BasketFileException($"line {csv.RowNumber + 1} has {csv.FieldCount} fields; column {needed + 1} is needed.");
            var id = csv.GetString(transaction);
            var name = csv.GetString(item);
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(name) || skip.Contains(name)) continue;
            ref var lines = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(linesOf, id, out _);
            if (++lines > limits.MaxBasketItems) throw TooManyItems($"transaction '{id}' (line {csv.RowNumber + 1})", limits);
            yield return new TransactionRow(id, name, customer < 0 ? null : csv.GetString(customer));
        }
    }

    /// <summary>CsvHelper's complaints (a line over the limit, malformed input) in the words of this file.</summary>
    private static T Guarded<T>(Func<T> read, BasketFileLimits limits)
    {
        try
        {
            return read();
        }
        catch (CsvFormatException e)
        {
            throw new BasketFileException(Invariant(
                $"a line cannot be read ({e.Message}); lines may be at most {limits.MaxLineLength:N0} characters. Is this a transactions CSV file?"));
        }
    }

    /// <summary>
    /// What a file is when it is not text — "a PNG image", "a gzip archive", …, or "binary data" — and null for text: read
    /// as text, a picture or an archive would be "mined" with its bytes as item names. Judged from the first 8 KB: a known
    /// signature, or more than 1 % control bytes that text does not hold (NUL and its kin). Not any single NUL: real
    /// exports carry the odd stray one. A UTF-16 file with its byte order mark is text.
    /// </summary>
    public static string? BinaryFormatOf(string path)
    {
        var head = new byte[8192];
        int length;
        using (var stream = File.OpenRead(path)) length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, length);
        foreach (var (signature, format) in Signatures)
            if (bytes.StartsWith(signature)) return format;
        if (bytes.StartsWith((byte[])[0xFF, 0xFE]) || bytes.StartsWith((byte[])[0xFE, 0xFF])) return null;
        var control = 0;
        foreach (var b in bytes)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) control++;
        return control * 100 > length ? "binary data" : null;
    }

    private static readonly (byte[] Signature, string Format)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ("%PDF-"u8.ToArray(), "a PDF document"),
        ([0x1F, 0x8B], "a gzip archive"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (also .xlsx, .docx)"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz archive"),
        ("SQLite format 3\0"u8.ToArray(), "an SQLite database"),
        ([0x7F, 0x45, 0x4C, 0x46], "a program (ELF)"),
    ];

    private static int ColumnIndex(IReadOnlyList<string> headers, string name, string option)
    {
        for (var i = 0; i < headers.Count; i++)
            if (string.Equals(headers[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new BasketFileException($"{option}: no column '{name}'. The header has: {string.Join(", ", headers)}.");
    }

    /// <summary>
    /// The rules as RFC 4180 CSV: antecedent,consequent,support,confidence,lift,leverage,conviction,count.
    /// Item names are text cells (neutralised against formulas); leverage may be negative and stays a number.
    /// Cell by cell into the writer (give it a buffer): the cells are those of <see cref="Csv"/>, without a string per row.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void WriteRules(TextWriter writer, MiningResult result)
    {
        writer.Write(Csv.File(["antecedent,consequent,support,confidence,lift,leverage,conviction,count"]));
        var names = result.Baskets.ItemNames;
        var itemCells = new string?[names.Count]; // each item's cell is made once, however many rules name it
        foreach (var rule in result.Rules)
        {
            writer.Write(Csv.Text(result.Describe(rule.Antecedent)));
            writer.Write(',');
            writer.Write(itemCells[rule.Consequent] ??= Csv.Text(names[rule.Consequent]));
            foreach (var value in (ReadOnlySpan<double>)[rule.Support, rule.Confidence, rule.Lift, rule.Leverage, rule.Conviction])
            {
                writer.Write(',');
                writer.Write(Number(value));
            }
            writer.Write(',');
            writer.Write(Csv.Number(rule.Count));
            writer.Write("\r\n");
        }
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "Inf" : Csv.Number(value, "G15");
}
