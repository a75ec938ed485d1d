using System.Globalization;
using System.Text;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>What the import tests share: a fresh migrated database, the service on a fixed clock, temp files, English messages.</summary>
public static class ImportTest
{
    /// <summary>"Today" for every import test: order dates must not lie in the future, ages are counted from here.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh migrated SQLite file (the suite's <see cref="SqliteDatabase"/>), deleted when the test ends.</summary>
    public static async Task<ImportDatabase> NewDatabaseAsync()
    {
        var db = new SqliteDatabase();
        await db.InitializeAsync();
        return new ImportDatabase(db);
    }

    public static ImportService Service(ImportDatabase db, TimeProvider? clock = null) => new(db.Factory, clock ?? new ManualClock(Now), new ChangeHub());

    /// <summary>A new job for the file (or the interrupted one), run to its end.</summary>
    public static async Task<ImportJob> ImportAsync(this ImportService service, string path, ImportSettings settings, bool dryRun = false,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var job = await service.CreateOrResumeAsync(path, Path.GetFileName(path), settings, dryRun, "tester");
        return await service.RunAsync(job.Id, path, progress, ct);
    }

    public static string TempPath(string extension = ".csv") => Path.Combine(Path.GetTempPath(), $"import-test-{Guid.NewGuid():N}{extension}");

    /// <summary>A temp file with these lines (LF, UTF-8 without BOM); deleted by the returned handle.</summary>
    public static TempFile WriteLines(IEnumerable<string> lines) => TempFile.Of(string.Join("\n", lines) + "\n");

    /// <summary>English messages and invariant-like number formatting for the test's flow (restored on dispose).</summary>
    public static IDisposable English() => new CultureScope(CultureInfo.GetCultureInfo("en-US"));

    /// <summary>The settings the wizard would suggest for the online retail file, read as orders.</summary>
    public static ImportSettings RetailOrders(bool createMissing = true) => new(ImportKind.Orders, new Dictionary<string, string>
    {
        ["order"] = "InvoiceNo", ["sku"] = "StockCode", ["product-name"] = "Description", ["quantity"] = "Quantity", ["date"] = "InvoiceDate",
        ["unit-price"] = "UnitPrice", ["customer"] = "CustomerID", ["country"] = "Country",
    }, "en-US", null, createMissing);

    public static async Task<DbCounts> CountAsync(ImportDatabase database)
    {
        await using var db = database.Create();
        var revenue = (await db.Orders.Select(o => o.NetRevenue).ToListAsync()).Sum();
        return new DbCounts(await db.Customers.CountAsync(), await db.Products.CountAsync(), await db.Orders.CountAsync(), await db.OrderLines.CountAsync(),
            await db.Categories.CountAsync(), revenue);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _ui = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture) => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _ui);
    }
}

/// <summary>One test's database: <c>await using</c> deletes it.</summary>
public sealed class ImportDatabase(SqliteDatabase database) : IAsyncDisposable
{
    public IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext> Factory => database.Factory;

    public CrossSellCrm.Domain.Persistence.CrmDbContext Create() => database.Create();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();
}

public sealed record DbCounts(int Customers, int Products, int Orders, int OrderLines, int Categories, decimal NetRevenue);

/// <summary>A temp file deleted at the end of the test.</summary>
public sealed class TempFile : IDisposable
{
    public string Path { get; }

    private TempFile(string path) => Path = path;

    public static TempFile Of(string text, string extension = ".csv") => Of(new UTF8Encoding(false).GetBytes(text), extension);

    public static TempFile Of(byte[] bytes, string extension = ".csv")
    {
        var file = new TempFile(ImportTest.TempPath(extension));
        File.WriteAllBytes(file.Path, bytes);
        return file;
    }

    public static TempFile Empty(string extension = ".csv") => new(ImportTest.TempPath(extension));

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { /* the temp folder keeps it */ }
    }
}

/// <summary>
/// A deliberately plain RFC 4180 reader (no encoding or separator detection, no limits), independent of the
/// importer's CsvFileReader: the tests compute what the import must produce with it.
/// </summary>
public static class PlainCsv
{
    public static List<string[]> Records(string text, char separator)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                if (!(fields.Count == 1 && fields[0].Length == 0)) records.Add(fields.ToArray());
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        return records;
    }

    /// <summary>The file's rows as header → value (the header is the first record).</summary>
    public static List<Dictionary<string, string>> Rows(string path, char separator)
    {
        var records = Records(File.ReadAllText(path), separator);
        var header = records[0];
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : "")).ToDictionary(p => p.h, p => p.v)).ToList();
    }

    /// <summary>A cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break.</summary>
    public static string Quote(string value) => value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, after the next batch has begun).</summary>
public sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
