using System.Text;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Privacy;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>What an import must never do: write in a dry run, lose a stored order's line, clear what the file does not give,
/// make a customer twice, misread a late umlaut, bring back an erased customer, ignore a Cancel, or run one job twice.</summary>
public class ImportSafetyTests
{
    private const string OrdersHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    [Fact]
    public async Task DryRun_OverExistingCustomersAndProducts_WritesNothing()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using (var first = ImportTest.WriteLines(["customer,last-name,city", "K1,Alt,Bonn"])) await service.ImportAsync(first.Path, Customers("customer", "last-name", "city"));
        using (var products = ImportTest.WriteLines(["sku,name,price", "S1,Kabel,9.90"])) await service.ImportAsync(products.Path, new ImportSettings(ImportKind.Products, Map("sku", "name", "price")));

        using (var changed = ImportTest.WriteLines(["customer,last-name,city", "K1,Neu,Köln"]))
            Assert.Equal(1, (await service.ImportAsync(changed.Path, Customers("customer", "last-name", "city"), dryRun: true)).Counts.CustomersUpdated);
        using (var products = ImportTest.WriteLines(["sku,name,price", "S1,Kabel lang,19.90"]))
            Assert.Equal(1, (await service.ImportAsync(products.Path, new ImportSettings(ImportKind.Products, Map("sku", "name", "price")), dryRun: true)).Counts.ProductsUpdated);

        await using var db = database.Create();
        var customer = await db.Customers.SingleAsync();
        Assert.Equal(("Alt", "Bonn"), (customer.LastName, customer.City));
        var product = await db.Products.SingleAsync();
        Assert.Equal(("Kabel", 9.90m), (product.Name, product.Price));
    }

    [Fact]
    public async Task StoredOrder_WithALineRejectedOnReImport_StaysWhole_AndTheOtherLinesSaySo()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using (var file = ImportTest.WriteLines([OrdersHeader, "A1,S1,One,1,2024-01-05 10:00:00,1.00,K1,Germany", "A1,S2,Two,2,2024-01-05 10:00:00,2.00,K1,Germany"]))
            await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        // The same order again with another quantity on one line and an unknown product on the other (no creating this time).
        using var again = ImportTest.WriteLines([OrdersHeader, "A1,S1,One,5,2024-01-05 10:00:00,1.00,K1,Germany", "A1,S9,Nine,1,2024-01-05 10:00:00,2.00,K1,Germany"]);
        var job = await service.ImportAsync(again.Path, ImportTest.RetailOrders(createMissing: false));
        Assert.Equal((1L, 1L, 0L), (job.Counts.RowsRejected, job.Counts.RowsSkipped, job.Counts.OrdersUpdated));
        var problems = await service.ProblemsAsync(job.Id);
        Assert.Contains(problems, p => p.Outcome == ImportOutcome.Skipped && p.Message.StartsWith("Order A1 is left as it is: its line 3 was rejected"));
        await using var db = database.Create();
        var lines = await db.OrderLines.OrderBy(l => l.Id).Select(l => l.Quantity).ToListAsync();
        Assert.Equal([1, 2], lines);
    }

    [Fact]
    public async Task RowWithoutAnOrderNumber_AtABatchEnd_DoesNotSplitTheOrderAroundIt()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        var lines = new List<string> { OrdersHeader };
        for (var i = 0; i < ImportService.BatchSize - 1; i++) lines.Add($"B{i},S1,One,1,2024-01-05 10:00:00,1.00,K1,Germany");
        lines.Add("Z,S1,One,1,2024-01-06 10:00:00,1.00,K1,Germany");   // row 5,000: the batch is full
        lines.Add(",S1,One,1,2024-01-06 10:00:00,1.00,K1,Germany");    // no order number (rejected)
        lines.Add("Z,S2,Two,1,2024-01-06 10:00:00,2.00,K1,Germany");   // Z goes on
        using var file = ImportTest.WriteLines(lines);
        var dry = await service.ImportAsync(file.Path, ImportTest.RetailOrders(), dryRun: true);
        var real = await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equivalent(dry.Counts, real.Counts, strict: true);
        Assert.Equal((5_000L, 1L), (real.Counts.OrdersCreated, real.Counts.RowsRejected));
        var again = await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((0L, 5_001L), (again.Counts.OrdersUpdated, again.Counts.RowsUnchanged));
        await using var db = database.Create();
        Assert.Equal(2, await db.OrderLines.CountAsync(l => l.Order!.OrderNumber == "Z"));
    }

    [Fact]
    public async Task FileOfInterests_LeavesTheValues_AndAnEmailOnlyRowFindsTheCustomerOfTheRowBefore()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        await using (var db = database.Create())
        {
            db.Tags.AddRange(new Tag { Kind = TagKind.Interest, Code = "travel", NameEn = "Travel", NameDe = "Reisen" },
                new Tag { Kind = TagKind.Interest, Code = "music", NameEn = "Music", NameDe = "Musik" },
                new Tag { Kind = TagKind.Value, Code = "quality", NameEn = "Quality", NameDe = "Qualität" });
            await db.SaveChangesAsync();
        }
        var service = ImportTest.Service(database);
        using (var file = ImportTest.WriteLines(["customer,email,interests,values", "K1,anna@example.com,travel,quality", "\"\",anna@example.com,music|travel,"]))
        {
            var job = await service.ImportAsync(file.Path, Customers("customer", "email", "interests", "values"));
            Assert.Equal(1, job.Counts.CustomersCreated);
        }
        using (var interests = ImportTest.WriteLines(["customer,interests", "K1,music"]))
            await service.ImportAsync(interests.Path, Customers("customer", "interests"));
        await using var check = database.Create();
        var customer = await check.Customers.Include(c => c.Tags).SingleAsync();
        Assert.Equal(["music", "quality"], customer.Tags.Select(t => t.Code).Order());
    }

    [Fact]
    public async Task WindowsFile_AsciiForItsFirst64K_ThenAnUmlaut_IsReadAsWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = new StringBuilder("customer,last-name\r\n");
        for (var i = 0; text.Length < 70_000; i++) text.Append($"K{i},Smith\r\n");
        text.Append("K-last,Müller\r\n");
        using var file = TempFile.Of(Encoding.GetEncoding(1252).GetBytes(text.ToString()));
        using var csv = CsvFileReader.Open(file.Path);
        Assert.Equal("windows-1252", csv.Dialect.EncodingName);
        CsvRecord? last = null;
        while (csv.Read() is { } record) last = record;
        Assert.Equal("Müller", last!.Fields[1]);
    }

    [Fact]
    public async Task ErasedCustomer_OldOrdersFileImportedAgain_IsNotMadeAgain()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var file = ImportTest.WriteLines([OrdersHeader, "A1,S1,One,1,2024-01-05 10:00:00,1.00,K1,Germany", "A2,S1,One,1,2024-01-05 11:00:00,1.00,K2,Germany"]);
        await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        int k1;
        await using (var db = database.Create()) k1 = await db.Customers.Where(c => c.CustomerNumber == "K1").Select(c => c.Id).SingleAsync();
        var privacy = new PrivacyService(database.Factory, new CrossSellCrm.Domain.Exports.DataExport(database.Factory), new ManualClock(ImportTest.Now));
        await privacy.EraseAsync(new ErasureInput(k1, "K1", "request"), "tester");

        var job = await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((0L, 1L, 1L), (job.Counts.CustomersCreated, job.Counts.RowsRejected, job.Counts.RowsUnchanged));
        Assert.Contains(await service.ProblemsAsync(job.Id), p => p.Message.StartsWith("This customer was erased"));
        await using var check = database.Create();
        Assert.False(await check.Customers.AnyAsync(c => c.CustomerNumber == "K1"));
        Assert.Equal(k1, await check.Orders.Where(o => o.OrderNumber == "A1").Select(o => o.CustomerId).SingleAsync()); // the order stays with the pseudonym
    }

    [Fact]
    public async Task CancelledWhileQueued_NeverRuns_AndAJobRunningElsewhere_IsNotRunTwice()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var file = ImportTest.WriteLines([OrdersHeader, "A1,S1,One,1,2024-01-05 10:00:00,1.00,K1,Germany"]);
        var queued = await service.CreateOrResumeAsync(file.Path, "f.csv", ImportTest.RetailOrders(), false, "tester");
        await service.RequestCancelAsync(queued.Id);
        Assert.Equal(ImportJobStatus.Cancelled, (await service.RunAsync(queued.Id, file.Path)).Status);

        var other = await service.CreateOrResumeAsync(file.Path, "f.csv", ImportTest.RetailOrders(), false, "tester");
        Assert.Equal(ImportJobStatus.Done, (await service.RunAsync(other.Id, file.Path)).Status);
        // Now as if this very process were running it (its runner is this process, alive): a second run must leave it alone.
        await using (var db = database.Create())
        {
            var job = await db.ImportJobs.SingleAsync(j => j.Id == other.Id);
            (job.Status, job.RowsDone) = (ImportJobStatus.Running, 0);
            await db.SaveChangesAsync();
        }
        var second = await service.RunAsync(other.Id, file.Path);
        Assert.Equal((ImportJobStatus.Running, 0L), (second.Status, second.RowsDone));
        await using var check = database.Create();
        Assert.Equal(1, await check.Orders.CountAsync());
    }

    private static ImportSettings Customers(params string[] fields) => new(ImportKind.Customers, Map(fields));

    private static Dictionary<string, string> Map(params string[] fields) => fields.ToDictionary(f => f, f => f);
}
