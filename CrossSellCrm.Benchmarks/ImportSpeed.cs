using System.Diagnostics;
using System.Globalization;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The import's own path on a large generated shop export: LINES order lines (orders of 1–40 lines, one in twenty a return,
/// 40,000 customers, 4,000 products) into an empty SQLite database, creating the customers and products, then the same file
/// again (every row unchanged). Time and the process's peak working set for each.
/// <c>dotnet run -c Release --project CrossSellCrm.Benchmarks -- import-speed 1000000</c>
/// </summary>
public static class ImportSpeed
{
    public static async Task RunAsync(int lines)
    {
        var file = Path.Combine(Path.GetTempPath(), $"import-speed-{lines}.csv");
        var database = Path.Combine(Path.GetTempPath(), $"import-speed-{Guid.NewGuid():N}.db");
        Generate(file, lines);
        var factory = new Factory(database);
        await new DatabaseMigrator(factory).MigrateAsync();
        var imports = new ImportService(factory, TimeProvider.System, new ChangeHub());
        var preview = imports.Preview(file, ImportKind.Orders);
        var settings = new ImportSettings(ImportKind.Orders, preview.SuggestedMapping, preview.SuggestedCulture, CreateMissing: true);
        Console.WriteLine($"{lines:N0} order lines, {new FileInfo(file).Length / (1024.0 * 1024):N0} MB; {Environment.ProcessorCount} cores; mapping {string.Join(", ", settings.Mapping.Select(p => $"{p.Key}={p.Value}"))}");
        foreach (var run in new[] { "into an empty database", "again (unchanged)" })
        {
            await using var memory = PeakWorkingSet.Start();
            var clock = Stopwatch.StartNew();
            var job = await imports.CreateOrResumeAsync(file, file, settings, dryRun: false, "benchmark");
            job = await imports.RunAsync(job.Id, file);
            clock.Stop();
            var peak = await memory.StopAsync();
            var c = job.Counts;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run}: {clock.Elapsed.TotalSeconds:F1} s ({job.RowsDone / clock.Elapsed.TotalSeconds:N0} rows/s), peak working set {peak:N0} MB; " +
                $"customers {c.CustomersCreated:N0}, products {c.ProductsCreated:N0}, orders {c.OrdersCreated:N0}, lines {c.OrderLinesCreated:N0}, unchanged {c.RowsUnchanged:N0}, rejected {c.RowsRejected:N0}"));
        }
        File.Delete(file);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
    }

    /// <summary>An online shop's export, as online_retail_10k.csv has it: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.</summary>
    private static void Generate(string path, int lines)
    {
        var random = new Random(17);
        using var writer = new StreamWriter(path);
        writer.WriteLine("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        string[] countries = ["United Kingdom", "Germany", "France", "EIRE", "Netherlands", "Spain"];
        var at = new DateTime(2023, 1, 2, 8, 0, 0);
        for (int written = 0, order = 0; written < lines; order++)
        {
            var size = Math.Min(lines - written, 1 + random.Next(40));
            var customer = 10_000 + random.Next(40_000);
            var isReturn = random.Next(20) == 0;
            at = at.AddMinutes(random.Next(1, 4));
            for (var i = 0; i < size; i++, written++)
            {
                var product = random.Next(4_000);
                var quantity = (1 + random.Next(12)) * (isReturn ? -1 : 1);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(isReturn ? "C" : "")}{500_000 + order},P{product:D5},\"PRODUCT {product}, SIZE {product % 7}\",{quantity},{at:yyyy-MM-dd HH:mm:ss},{0.5 + product % 200 * 0.25:F2},{customer}.0,{countries[customer % countries.Length]}"));
            }
        }
    }

    private sealed class Factory(string path) : IDbContextFactory<CrmDbContext>
    {
        public CrmDbContext CreateDbContext() => new(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={path}").Options);
    }
}
