using System.Globalization;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>
/// `kill -9` in the middle of an import: whole batches are in the database, the job says how far they go, and the same
/// command run again finishes it — with the database and the counts of an import that was never interrupted.
/// </summary>
public class ImportKillTests : IDisposable
{
    private readonly string _file = TempSqlite.NewPath("orders-80k") + ".csv";
    private readonly string _killed = TempSqlite.NewPath("crm-killed");
    private readonly string _whole = TempSqlite.NewPath("crm-whole");

    public ImportKillTests()
    {
        // The online-retail file eight times over, each copy with its own invoice and customer numbers: 80,000 order lines.
        var lines = File.ReadAllLines(RealData.DatasetPath("online_retail_10k.csv"));
        using var writer = new StreamWriter(_file);
        writer.WriteLine(lines[0]);
        for (var copy = 0; copy < 8; copy++)
            foreach (var line in lines.Skip(1))
            {
                var comma = line.IndexOf(',');
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line[..comma]}-{copy}{line[comma..]}").Replace(",United Kingdom,", copy % 2 == 0 ? ",United Kingdom," : ",Germany,"));
            }
    }

    [Fact]
    public async Task KilledMidway_RunAgain_EndsWithTheDatabaseAndCountsOfAnUninterruptedImport()
    {
        string[] args = ["import", "orders", "--input", _file, "--create-missing"];
        using (var app = new WebAppProcess(new Dictionary<string, string?> { ["ConnectionStrings__Crm"] = $"Data Source={_killed}" }, args))
        {
            // The first progress line comes after the first batch was committed: kill while later ones are being written.
            Assert.NotNull(await app.LineAsync(" rows, ", TimeSpan.FromSeconds(60)));
        } // Dispose kills the process tree (SIGKILL)

        ImportJob interrupted;
        await using (var db = Open(_killed))
        {
            interrupted = await db.ImportJobs.AsNoTracking().SingleAsync();
            Assert.Equal(ImportJobStatus.Running, interrupted.Status); // as the dead process left it
            Assert.True(interrupted.RowsDone is > 0 and < 80_000, $"{interrupted.RowsDone} rows were done when it was killed");
            Assert.Equal(interrupted.Counts.OrderLinesCreated, await db.OrderLines.CountAsync()); // whole batches, counted in their own transactions
        }

        var again = await RunAsync(_killed, args);
        Assert.Equal(0, again.Code);
        Assert.Contains($"resuming interrupted import #{interrupted.Id} after row {interrupted.RowsDone.ToString("N0", CultureInfo.InvariantCulture)}", again.Out);
        var whole = await RunAsync(_whole, args);
        Assert.Equal(0, whole.Code);

        await using var killed = Open(_killed);
        await using var uninterrupted = Open(_whole);
        var (resumedJob, wholeJob) = (await killed.ImportJobs.AsNoTracking().SingleAsync(), await uninterrupted.ImportJobs.AsNoTracking().SingleAsync());
        Assert.Equal(ImportJobStatus.Done, resumedJob.Status);
        Assert.Equal(80_000, resumedJob.RowsDone);
        Assert.Equivalent(wholeJob.Counts, resumedJob.Counts, strict: true);
        Assert.Equal(80_000, resumedJob.Counts.OrderLinesCreated);
        Assert.Equal(await Fingerprint(uninterrupted), await Fingerprint(killed));
        // The printed counts are the job's, over both runs.
        Assert.Contains($"order lines created: 80000", again.Out);
    }

    private static async Task<string> Fingerprint(CrmDbContext db)
    {
        var orders = await db.Orders.AsNoTracking().OrderBy(o => o.OrderNumber)
            .Select(o => new { o.OrderNumber, Customer = o.Customer!.CustomerNumber, o.LineCount, o.NetRevenue, o.OrderedAt }).ToListAsync();
        var lines = await db.OrderLines.AsNoTracking().OrderBy(l => l.Order!.OrderNumber).ThenBy(l => l.Id)
            .Select(l => new { l.Order!.OrderNumber, l.Product!.Sku, l.Quantity, l.UnitPrice }).ToListAsync();
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.CustomerNumber).Select(c => c.CustomerNumber + ":" + c.Country).ToListAsync();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).Select(p => p.Sku + ":" + p.Name).ToListAsync();
        return string.Join("\n", orders.Select(o => o.ToString())) + string.Join("\n", lines.Select(l => l.ToString()))
            + string.Join("\n", customers) + string.Join("\n", products);
    }

    private static CrmDbContext Open(string path) => new(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={path}").Options);

    private static async Task<(int Code, string Out, string Err)> RunAsync(string database, string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CommandLineVerbs.RunAsync(args, output, error, new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={database}" });
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        File.Delete(_file);
        TempSqlite.Delete(_killed);
        TempSqlite.Delete(_whole);
    }
}
