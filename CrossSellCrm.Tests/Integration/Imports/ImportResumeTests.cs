using System.Globalization;
using CrossSellCrm.Domain.Imports;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

public class ImportResumeTests
{
    private const int Orders = 4_000, LinesPerOrder = 3, Lines = Orders * LinesPerOrder;

    /// <summary>
    /// 12,000 order lines: 4,000 orders of 3 lines, 800 customers and 3,000 products that keep appearing all through the file
    /// (so the run after the interruption creates some too). 5,000 is no multiple of 3: the first batch runs on to its order's end.
    /// </summary>
    private static TempFile BuildFile(out decimal revenue)
    {
        var lines = new List<string>(Lines + 1) { "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country" };
        revenue = 0;
        var start = new DateTime(2024, 1, 1, 8, 0, 0);
        for (var o = 0; o < Orders; o++)
        {
            for (var k = 0; k < LinesPerOrder; k++)
            {
                var quantity = 1 + (o + k) % 5;
                var price = 0.5m + (o * 7 + k * 3) % 40 * 0.25m;
                revenue += quantity * price;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"R{o:D5},P{o / 4}-{k},Product {o / 4}-{k},{quantity},{start.AddMinutes(o):yyyy-MM-dd HH:mm:ss},{price},{10_000 + o / 5}.0,United Kingdom"));
            }
        }
        return ImportTest.WriteLines(lines);
    }

    [Fact]
    public async Task InterruptedAfterTheFirstBatch_ResumedByTheSameFileAndSettings_EndsAsAnUninterruptedImport()
    {
        using var file = BuildFile(out var revenue);
        var settings = ImportTest.RetailOrders();

        // The reference: the same file into a fresh database in one go.
        await using var reference = await ImportTest.NewDatabaseAsync();
        var whole = await ImportTest.Service(reference).ImportAsync(file.Path, settings);
        Assert.Equal(ImportJobStatus.Done, whole.Status);
        Assert.Equal(((long)Lines, (long)Orders, (long)Lines, 800L, 3_000L), (whole.RowsDone, whole.Counts.OrdersCreated, whole.Counts.OrderLinesCreated,
            whole.Counts.CustomersCreated, whole.Counts.ProductsCreated));
        var expected = await ImportTest.CountAsync(reference);
        Assert.Equal(new DbCounts(800, 3_000, Orders, Lines, 1, revenue), expected);

        // Interrupted: the process is stopped (its token cancelled) as soon as the first batch is committed.
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var stop = new CancellationTokenSource();
        var reports = new List<ImportProgress>();
        var job = await service.CreateOrResumeAsync(file.Path, "orders.csv", settings, dryRun: false, "tester");
        var interrupted = await service.RunAsync(job.Id, file.Path, new SyncProgress(p => { reports.Add(p); stop.Cancel(); }), stop.Token);

        Assert.Equal(ImportJobStatus.Interrupted, interrupted.Status);
        Assert.Null(interrupted.FinishedAt);
        var firstBatch = Assert.Single(reports);
        // 5,000 rows end inside order 1,667 (5,000 = 3 × 1,666 + 2): the batch takes that order's third line too.
        const int batchRows = (ImportService.BatchSize / LinesPerOrder + 1) * LinesPerOrder;
        Assert.Equal(5_001, batchRows);
        Assert.Equal(batchRows, interrupted.RowsDone);
        Assert.Equal(batchRows, firstBatch.RowsDone);
        Assert.Equal(0, interrupted.RowsDone % LinesPerOrder);
        Assert.Equal(((long)(batchRows / LinesPerOrder), (long)batchRows), (interrupted.Counts.OrdersCreated, interrupted.Counts.OrderLinesCreated));
        var half = await ImportTest.CountAsync(database);
        Assert.Equal((batchRows / LinesPerOrder, batchRows), (half.Orders, half.OrderLines)); // whole batches, whole orders
        await using (var db = database.Create())
        {
            var stored = await db.ImportJobs.AsNoTracking().SingleAsync();
            Assert.Equal((ImportJobStatus.Interrupted, (long)batchRows), (stored.Status, stored.RowsDone));
        }

        // The same file and settings again: the same job, which goes on from there.
        var resumed = await service.CreateOrResumeAsync(file.Path, "orders.csv", settings, dryRun: false, "tester");
        Assert.Equal(job.Id, resumed.Id);
        Assert.Equal(batchRows, resumed.RowsDone);
        var done = await service.RunAsync(resumed.Id, file.Path);

        Assert.Equal(ImportJobStatus.Done, done.Status);
        Assert.Equal(job.Id, done.Id);
        Assert.Equal(whole.RowsDone, done.RowsDone);
        OrderImportTests.AssertSameCounts(whole.Counts, done.Counts);
        Assert.Equal(expected, await ImportTest.CountAsync(database));
        await using (var db = database.Create())
        {
            Assert.Equal(1, await db.ImportJobs.CountAsync());
            Assert.Equal(Enumerable.Repeat(LinesPerOrder, Orders), (await db.Orders.OrderBy(o => o.OrderNumber).Select(o => o.LineCount).ToListAsync()));
            Assert.Equal(Lines, await db.OrderLines.Select(l => new { l.OrderId, l.ProductId }).Distinct().CountAsync());
        }

        // Finished jobs are not resumed: the file once more is a new job, and every row is unchanged.
        var third = await service.ImportAsync(file.Path, settings);
        Assert.NotEqual(job.Id, third.Id);
        Assert.Equal(Lines, third.Counts.RowsUnchanged);
    }

    [Fact]
    public async Task InterruptedJob_OtherSettings_IsNotResumed()
    {
        using var file = BuildFile(out _);
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var stop = new CancellationTokenSource();
        var job = await service.CreateOrResumeAsync(file.Path, "orders.csv", ImportTest.RetailOrders(), dryRun: false, "tester");
        var interrupted = await service.RunAsync(job.Id, file.Path, new SyncProgress(_ => stop.Cancel()), stop.Token);
        Assert.Equal(ImportJobStatus.Interrupted, interrupted.Status);

        var other = await service.CreateOrResumeAsync(file.Path, "orders.csv", ImportTest.RetailOrders() with { Culture = "en-GB" }, dryRun: false, "tester");
        Assert.NotEqual(job.Id, other.Id);
        Assert.Equal(0, other.RowsDone);
        var dry = await service.CreateOrResumeAsync(file.Path, "orders.csv", ImportTest.RetailOrders(), dryRun: true, "tester");
        Assert.NotEqual(job.Id, dry.Id);
        Assert.Equal(job.Id, (await service.CreateOrResumeAsync(file.Path, "orders.csv", ImportTest.RetailOrders(), dryRun: false, "tester")).Id);
    }
}
