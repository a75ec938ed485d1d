using System.Globalization;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>The online retail file, read by hand: what importing it must give.</summary>
public sealed class RetailFile
{
    public static readonly Lazy<RetailFile> Instance = new(() => new RetailFile(RealData.DatasetPath("online_retail_10k.csv")));

    public string Path { get; }
    public List<Dictionary<string, string>> Rows { get; }
    public int Orders => Rows.Select(r => r["InvoiceNo"]).Distinct().Count();
    public int Customers => Rows.Select(r => r["CustomerID"]).Where(c => c.Length > 0).Distinct().Count();
    public int Products => Rows.Select(r => r["StockCode"]).Distinct().Count();
    public decimal Revenue => Rows.Sum(r => int.Parse(r["Quantity"], CultureInfo.InvariantCulture) * decimal.Parse(r["UnitPrice"], CultureInfo.InvariantCulture));

    private RetailFile(string path)
    {
        Path = path;
        Rows = PlainCsv.Rows(path, ',');
    }
}

public class OrderImportTests
{
    private static RetailFile Retail => RetailFile.Instance.Value;

    [Fact]
    public async Task RetailFile_CreateMissing_CountsAreTheFilesDistinctValues_RevenueIsTheFilesSum()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var job = await ImportTest.Service(database).ImportAsync(Retail.Path, ImportTest.RetailOrders());

        Assert.Equal(ImportJobStatus.Done, job.Status);
        Assert.Null(job.Failure);
        Assert.Equal(10_000, Retail.Rows.Count);
        Assert.Equal(10_000, job.RowsDone);
        Assert.Equal(Retail.Orders, job.Counts.OrdersCreated);
        Assert.Equal(10_000, job.Counts.OrderLinesCreated);
        Assert.Equal(Retail.Customers, job.Counts.CustomersCreated);
        Assert.Equal(Retail.Products, job.Counts.ProductsCreated);
        Assert.Equal((0L, 0L, 0L, 0L, 0L, 0L), (job.Counts.OrdersUpdated, job.Counts.CustomersUpdated, job.Counts.RowsUnchanged, job.Counts.RowsSkipped,
            job.Counts.RowsRejected, job.Counts.RowsDuplicate));

        var counts = await ImportTest.CountAsync(database);
        Assert.Equal((Retail.Customers, Retail.Products, Retail.Orders, 10_000), (counts.Customers, counts.Products, counts.Orders, counts.OrderLines));
        Assert.Equal(521, counts.Orders);
        Assert.Equal(390, counts.Customers);
        Assert.Equal(1_822, counts.Products);
        Assert.InRange(counts.NetRevenue, Retail.Revenue - 0.05m, Retail.Revenue + 0.05m);

        await using var db = database.Create();
        // Keys as a spreadsheet wrote them ("17850.0") are the customer numbers 17850; countries by name are ISO codes.
        var customer = await db.Customers.SingleAsync(c => c.CustomerNumber == "17850");
        Assert.Equal("GB", customer.Country);
        Assert.Equal("IE", (await db.Customers.SingleAsync(c => c.CustomerNumber == "14911")).Country);
        Assert.Equal(job.Id, customer.ImportJobId);
        var first = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == "536365");
        Assert.Equal(customer.Id, first.CustomerId);
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), first.OrderedAt);
        Assert.Equal(7, first.LineCount);
        Assert.Equal(7, first.Lines.Count);
        var expected = Retail.Rows.Where(r => r["InvoiceNo"] == "536365").Sum(r => int.Parse(r["Quantity"]) * decimal.Parse(r["UnitPrice"], CultureInfo.InvariantCulture));
        Assert.Equal(expected, first.NetRevenue);
        var product = await db.Products.SingleAsync(p => p.Sku == "85123A");
        Assert.Equal("WHITE HANGING HEART T-LIGHT HOLDER", product.Name);
        Assert.Equal(2.55m, product.Price);
        Assert.Equal("FANCY FONT BIRTHDAY CARD,", (await db.Products.SingleAsync(p => p.Sku == "21506")).Name); // quoted, trimmed
    }

    [Fact]
    public async Task RetailFile_ImportedTwice_SecondTimeEveryRowUnchangedNothingCreated()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        var firstJob = await service.ImportAsync(Retail.Path, ImportTest.RetailOrders());
        var before = await ImportTest.CountAsync(database);
        int[] lineIds;
        await using (var db = database.Create()) lineIds = await db.OrderLines.OrderBy(l => l.Id).Select(l => l.Id).ToArrayAsync();

        var second = await service.ImportAsync(Retail.Path, ImportTest.RetailOrders());

        Assert.Equal(ImportJobStatus.Done, second.Status);
        Assert.NotEqual(firstJob.Id, second.Id);
        Assert.Equal(10_000, second.Counts.RowsUnchanged);
        Assert.Equal((0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), (second.Counts.CustomersCreated, second.Counts.CustomersUpdated, second.Counts.ProductsCreated,
            second.Counts.OrdersCreated, second.Counts.OrdersUpdated, second.Counts.OrderLinesCreated, second.Counts.RowsRejected, second.Counts.RowsSkipped));
        Assert.Equal(before, await ImportTest.CountAsync(database));
        await using (var db = database.Create())
        {
            Assert.Equal(lineIds, await db.OrderLines.OrderBy(l => l.Id).Select(l => l.Id).ToArrayAsync());
            Assert.Equal(0, await db.Orders.CountAsync(o => o.ImportJobId == second.Id));
        }
    }

    [Fact]
    public async Task SecondFile_OneLinesQuantityChanged_ThatOrderUpdatedAndItsLinesReplaced()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        await service.ImportAsync(Retail.Path, ImportTest.RetailOrders());
        var before = await ImportTest.CountAsync(database);
        int[] oldLineIds;
        await using (var db = database.Create()) oldLineIds = await db.OrderLines.Where(l => l.Order!.OrderNumber == "536365").Select(l => l.Id).ToArrayAsync();

        var text = await File.ReadAllTextAsync(Retail.Path);
        const string original = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,";
        Assert.Equal(1, CountOf(text, original));
        using var changed = TempFile.Of(text.Replace(original, original.Replace(",6,", ",9,")));
        var job = await service.ImportAsync(changed.Path, ImportTest.RetailOrders());

        var lines = Retail.Rows.Count(r => r["InvoiceNo"] == "536365");
        Assert.Equal(7, lines);
        Assert.Equal(1, job.Counts.OrdersUpdated);
        Assert.Equal(lines, job.Counts.OrderLinesCreated);
        Assert.Equal(10_000 - lines, job.Counts.RowsUnchanged);
        Assert.Equal((0L, 0L, 0L), (job.Counts.OrdersCreated, job.Counts.CustomersCreated, job.Counts.ProductsCreated));

        var after = await ImportTest.CountAsync(database);
        Assert.Equal(before with { NetRevenue = before.NetRevenue + 3 * 2.55m }, after);
        await using var check = database.Create();
        var order = await check.Orders.Include(o => o.Lines).SingleAsync(o => o.OrderNumber == "536365");
        Assert.Equal(lines, order.Lines.Count);
        Assert.Equal(lines, order.LineCount);
        Assert.Empty(order.Lines.Select(l => l.Id).Intersect(oldLineIds));
        Assert.Equal(job.Id, order.ImportJobId);
        var heartId = (await check.Products.SingleAsync(p => p.Sku == "85123A")).Id;
        var heart = Assert.Single(order.Lines, l => l.ProductId == heartId);
        Assert.Equal(9, heart.Quantity);
        Assert.Equal(order.Lines.Sum(l => l.Quantity * l.UnitPrice), order.NetRevenue);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static readonly string OrdersHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    [Fact]
    public async Task SameSkuTwiceInOneOrder_StaysTwoLines()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        using var file = ImportTest.WriteLines([
            OrdersHeader,
            "A100,MUG,Mug,1,2020-01-05 10:00:00,3.50,K1,Germany",
            "A100,TEA,Tea,2,2020-01-05 10:00:00,1.25,K1,Germany",
            "A100,MUG,Mug,2,2020-01-05 10:00:00,3.00,K1,Germany",
        ]);
        var job = await ImportTest.Service(database).ImportAsync(file.Path, ImportTest.RetailOrders());

        Assert.Equal((1L, 3L, 2L, 1L), (job.Counts.OrdersCreated, job.Counts.OrderLinesCreated, job.Counts.ProductsCreated, job.Counts.CustomersCreated));
        await using var db = database.Create();
        var order = await db.Orders.Include(o => o.Lines).ThenInclude(l => l.Product).SingleAsync();
        Assert.Equal(["MUG", "TEA", "MUG"], order.Lines.OrderBy(l => l.Id).Select(l => l.Product!.Sku));
        Assert.Equal([1, 2, 2], order.Lines.OrderBy(l => l.Id).Select(l => l.Quantity));
        Assert.Equal(3.50m + 2.50m + 6.00m, order.NetRevenue);
        Assert.Equal("DE", (await db.Customers.SingleAsync()).Country);

        // The same file again: both MUG lines are found unchanged, in their order.
        var again = await ImportTest.Service(database).ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((3L, 0L, 0L), (again.Counts.RowsUnchanged, again.Counts.OrdersUpdated, again.Counts.OrderLinesCreated));
    }

    [Fact]
    public async Task CancellationInvoice_NegativeQuantity_IsAReturn()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        using var file = ImportTest.WriteLines([
            OrdersHeader,
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
            "C536379,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,2010-12-01 09:41:00,2.55,17850.0,United Kingdom",
            "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,17850.0,United Kingdom",
        ]);
        var job = await ImportTest.Service(database).ImportAsync(file.Path, ImportTest.RetailOrders());

        Assert.Equal((2L, 3L, 0L), (job.Counts.OrdersCreated, job.Counts.OrderLinesCreated, job.Counts.RowsRejected));
        await using var db = database.Create();
        var refund = await db.Orders.SingleAsync(o => o.OrderNumber == "C536379");
        Assert.Equal(-2 * 2.55m - 27.50m, refund.NetRevenue);
        Assert.True(refund.NetRevenue < 0);
        Assert.True(refund.IsReturn);
        Assert.False((await db.Orders.SingleAsync(o => o.OrderNumber == "536365")).IsReturn);
        Assert.Equal(15.30m - 5.10m - 27.50m, (await db.Orders.Select(o => o.NetRevenue).ToListAsync()).Sum());
    }

    private static ImportSettings BakerySettings(bool createMissing) => new(ImportKind.Orders, new Dictionary<string, string>
    {
        // The till's columns as asked: no customer, no price (a price would come from the catalogue; every row is skipped before).
        ["order"] = "Transaction", ["date"] = "Date", ["time"] = "Time", ["sku"] = "Item",
    }, CreateMissing: createMissing);

    [Fact]
    public async Task BakeryFile_NoCustomerKey_EveryRowSkippedWithTheReason_NothingWritten()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var path = RealData.DatasetPath("BreadBasket_DMS.csv");
        var rows = File.ReadLines(path).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(21_293, rows);
        var service = ImportTest.Service(database);

        var job = await service.ImportAsync(path, BakerySettings(createMissing: false));

        Assert.Equal(ImportJobStatus.Done, job.Status);
        Assert.Equal(rows, job.RowsDone);
        Assert.Equal(rows, job.Counts.RowsSkipped);
        Assert.Equal((0L, 0L, 0L, 0L, 0L), (job.Counts.RowsRejected, job.Counts.OrdersCreated, job.Counts.OrderLinesCreated, job.Counts.CustomersCreated,
            job.Counts.ProductsCreated));
        Assert.Equal(new DbCounts(0, 0, 0, 0, 0, 0), await ImportTest.CountAsync(database));
        var problems = await service.ProblemsAsync(job.Id, take: int.MaxValue);
        Assert.Equal(ImportService.MaxProblemsKept, problems.Count); // kept up to the limit; the count goes on
        Assert.All(problems, p => Assert.Equal((ImportOutcome.Skipped, "No customer key: an order belongs to a customer (number or e-mail)."), (p.Outcome, p.Message)));
        Assert.Equal(Enumerable.Range(2, 10).Select(i => (long)i), problems.Take(10).Select(p => p.Line));
    }

    /// <summary>The category for products an import makes is made with the first of them, not for a file that makes none.</summary>
    [Fact]
    public async Task BakeryFile_CreateMissing_EveryRowSkipped_NoCategoryWrittenEither()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var job = await ImportTest.Service(database).ImportAsync(RealData.DatasetPath("BreadBasket_DMS.csv"), BakerySettings(createMissing: true));
        Assert.Equal(21_293, job.Counts.RowsSkipped);
        Assert.Equal(new DbCounts(0, 0, 0, 0, 0, 0), await ImportTest.CountAsync(database));
    }

    [Fact]
    public async Task WithoutCreateMissing_UnknownCustomerAndUnknownProduct_RejectedWithTheMessage()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        // The CRM knows customer K1 (from a customers file) and nothing else.
        using (var customers = ImportTest.WriteLines(["customer", "K1"]))
        {
            var created = await service.ImportAsync(customers.Path, new ImportSettings(ImportKind.Customers, new Dictionary<string, string> { ["customer"] = "customer" }));
            Assert.Equal(1, created.Counts.CustomersCreated);
        }
        using var file = ImportTest.WriteLines([
            OrdersHeader,
            "A1,MUG,Mug,1,2020-01-05 10:00:00,3.50,K9,Germany",   // line 2: unknown customer
            "A1,TEA,Tea,1,2020-01-05 10:00:00,1.50,K9,Germany",   // line 3: same order, same customer
            "A2,MUG,Mug,1,2020-01-06 10:00:00,3.50,K1,Germany",   // line 4: known customer, unknown product
        ]);

        var job = await service.ImportAsync(file.Path, ImportTest.RetailOrders(createMissing: false));

        Assert.Equal(3, job.Counts.RowsRejected);
        Assert.Equal((0L, 0L, 0L, 0L), (job.Counts.OrdersCreated, job.Counts.OrderLinesCreated, job.Counts.CustomersCreated, job.Counts.ProductsCreated));
        var problems = await service.ProblemsAsync(job.Id);
        Assert.Equal(
        [
            (2L, ImportOutcome.Rejected, "CustomerID", "K9", "There is no customer \"K9\" yet (switch on \"create missing customers and products\")."),
            (3L, ImportOutcome.Rejected, "CustomerID", "K9", "There is no customer \"K9\" yet (switch on \"create missing customers and products\")."),
            (4L, ImportOutcome.Rejected, "StockCode", "MUG", "There is no product with SKU \"MUG\" yet."),
        ], problems.Select(p => (p.Line, p.Outcome, p.Column, p.Value, p.Message)));
        var counts = await ImportTest.CountAsync(database);
        Assert.Equal((1, 0, 0, 0), (counts.Customers, counts.Products, counts.Orders, counts.OrderLines));
    }

    [Fact]
    public async Task DryRun_WritesNothing_CountsTheSameAsARealRun()
    {
        await using var dry = await ImportTest.NewDatabaseAsync();
        var dryJob = await ImportTest.Service(dry).ImportAsync(Retail.Path, ImportTest.RetailOrders(), dryRun: true);
        Assert.Equal(ImportJobStatus.Done, dryJob.Status);
        Assert.True(dryJob.DryRun);
        Assert.Equal(new DbCounts(0, 0, 0, 0, 0, 0), await ImportTest.CountAsync(dry));

        await using var real = await ImportTest.NewDatabaseAsync();
        var realJob = await ImportTest.Service(real).ImportAsync(Retail.Path, ImportTest.RetailOrders());

        AssertSameCounts(realJob.Counts, dryJob.Counts);
        Assert.Equal(realJob.RowsDone, dryJob.RowsDone);
        Assert.Equal(Retail.Orders, dryJob.Counts.OrdersCreated);

        // A dry run on top of the real import: every row unchanged, as a second real run would say.
        var dryAgain = await ImportTest.Service(real).ImportAsync(Retail.Path, ImportTest.RetailOrders(), dryRun: true);
        Assert.Equal(10_000, dryAgain.Counts.RowsUnchanged);
        Assert.Equal(0, dryAgain.Counts.OrdersCreated + dryAgain.Counts.OrdersUpdated + dryAgain.Counts.CustomersCreated + dryAgain.Counts.ProductsCreated);
    }

    internal static void AssertSameCounts(ImportCounts expected, ImportCounts actual)
    {
        Assert.Equal(
            (expected.CustomersCreated, expected.CustomersUpdated, expected.ProductsCreated, expected.ProductsUpdated, expected.OrdersCreated, expected.OrdersUpdated,
                expected.OrderLinesCreated, expected.RowsUnchanged, expected.RowsSkipped, expected.RowsRejected, expected.RowsDuplicate),
            (actual.CustomersCreated, actual.CustomersUpdated, actual.ProductsCreated, actual.ProductsUpdated, actual.OrdersCreated, actual.OrdersUpdated,
                actual.OrderLinesCreated, actual.RowsUnchanged, actual.RowsSkipped, actual.RowsRejected, actual.RowsDuplicate));
    }

    /// <summary>An order whose lines come apart in the file and land in two batches is counted once in a dry run, as in the real run.</summary>
    [Fact]
    public async Task DryRun_OrderWhoseLinesLandInTwoBatches_CountsTheSameAsARealRun()
    {
        // Order A's first line, then 5,000 one-line orders (the first batch ends among them), then A's second line.
        var lines = new List<string> { OrdersHeader, "A,S1,One,1,2020-01-05 10:00:00,1.00,K1,Germany" };
        for (var i = 0; i < ImportService.BatchSize; i++) lines.Add($"B{i},S2,Two,1,2020-01-05 10:00:00,2.00,K{i % 50},Germany");
        lines.Add("A,S3,Three,1,2020-01-05 10:00:00,3.00,K1,Germany");
        using var file = ImportTest.WriteLines(lines);

        await using var real = await ImportTest.NewDatabaseAsync();
        var realJob = await ImportTest.Service(real).ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((ImportService.BatchSize + 1L, ImportService.BatchSize + 2L), (realJob.Counts.OrdersCreated, realJob.Counts.OrderLinesCreated));
        await using (var db = real.Create())
            Assert.Equal(2, (await db.Orders.SingleAsync(o => o.OrderNumber == "A")).LineCount);

        await using var dry = await ImportTest.NewDatabaseAsync();
        var dryJob = await ImportTest.Service(dry).ImportAsync(file.Path, ImportTest.RetailOrders(), dryRun: true);
        AssertSameCounts(realJob.Counts, dryJob.Counts);
    }

    /// <summary>An unchanged file imported again leaves an order whose lines land in two batches alone: its rows count as unchanged.</summary>
    [Fact]
    public async Task ReImport_OrderWhoseLinesLandInTwoBatches_IsUnchanged()
    {
        var lines = new List<string> { OrdersHeader, "A,S1,One,1,2020-01-05 10:00:00,1.00,K1,Germany" };
        for (var i = 0; i < ImportService.BatchSize; i++) lines.Add($"B{i},S2,Two,1,2020-01-05 10:00:00,2.00,K{i % 50},Germany");
        lines.Add("A,S3,Three,1,2020-01-05 10:00:00,3.00,K1,Germany");
        using var file = ImportTest.WriteLines(lines);
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        var before = await ImportTest.CountAsync(database);

        var again = await service.ImportAsync(file.Path, ImportTest.RetailOrders());

        Assert.Equal(before, await ImportTest.CountAsync(database));
        Assert.Equal((ImportService.BatchSize + 2L, 0L, 0L, 0L), (again.Counts.RowsUnchanged, again.Counts.OrdersUpdated, again.Counts.OrdersCreated,
            again.Counts.OrderLinesCreated));
    }

    [Fact]
    public async Task OrderWhoseLinesComeApartInOneBatch_IsOneOrder_UnchangedWhenImportedAgain()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        using var file = ImportTest.WriteLines([
            OrdersHeader,
            "A1,MUG,Mug,1,2020-01-05 10:00:00,3.50,K1,Germany",
            "B1,TEA,Tea,1,2020-01-05 11:00:00,1.50,K2,Germany",
            "A1,TEA,Tea,2,2020-01-05 10:00:00,1.50,K1,Germany",
        ]);
        var service = ImportTest.Service(database);
        var job = await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((2L, 3L), (job.Counts.OrdersCreated, job.Counts.OrderLinesCreated));
        await using (var db = database.Create())
        {
            var a1 = await db.Orders.SingleAsync(o => o.OrderNumber == "A1");
            Assert.Equal((2, 3.50m + 3.00m), (a1.LineCount, a1.NetRevenue));
        }
        var again = await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((3L, 0L), (again.Counts.RowsUnchanged, again.Counts.OrdersUpdated));
    }

    [Fact]
    public async Task CustomerKeyThatIsAnEmail_CustomerCreatedWithThatEmail_FoundAgainNextTime()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        using var file = ImportTest.WriteLines([
            "Order,E-Mail,Date,SKU,Price",
            "W1,anna.mueller@example.com,2021-05-01,S1,10.00",
            "W2,Anna.Mueller@example.com,2021-05-02,S1,10.00",
        ]);
        var settings = new ImportSettings(ImportKind.Orders, ImportFields.Suggest(ImportKind.Orders, ["Order", "E-Mail", "Date", "SKU", "Price"]), CreateMissing: true);
        Assert.Equal("E-Mail", settings.Mapping["customer"]);
        var service = ImportTest.Service(database);
        var job = await service.ImportAsync(file.Path, settings);
        Assert.Equal((1L, 2L), (job.Counts.CustomersCreated, job.Counts.OrdersCreated));
        await using (var db = database.Create())
        {
            var customer = await db.Customers.SingleAsync();
            Assert.Equal("anna.mueller@example.com", customer.Email);
            Assert.Equal(ImportDirectory.NumberFor("anna.mueller@example.com"), customer.CustomerNumber);
            Assert.Equal(2, await db.Orders.CountAsync(o => o.CustomerId == customer.Id));
        }
        var again = await service.ImportAsync(file.Path, settings);
        Assert.Equal((0L, 2L), (again.Counts.CustomersCreated, again.Counts.RowsUnchanged));
    }

    [Fact]
    public async Task ErrorReport_HeaderLineThenOneLinePerProblem_WithLineColumnValueAndMessage()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        var text =
            OrdersHeader + "\n" +
            "1001,A1,Mug,2,2020-01-05 10:00:00,3.50,17850.0,United Kingdom\n" +             // line 2: fine
            "1002,A2,Cup,abc,2020-01-05 10:00:00,1.00,17850.0,United Kingdom\n" +           // line 3: quantity
            "1003,A3,\"Plate, large\",1,2020-01-05 10:00:00,2.00,,United Kingdom\n" +       // line 4: no customer
            "1004,A4,\"Bowl\nblue\",1,2020-01-06 10:00:00,2.00,17851,United Kingdom\n" +    // lines 5-6: fine
            "1005,A5,Jug,1,01.02.2020,2.00,17851,United Kingdom\n" +                         // line 7: date
            "1006,A6,Pot,1,2020-01-07 10:00:00,-4,17851,United Kingdom\n" +                  // line 8: price
            "1007,A7,Pan,0,2020-01-07 10:00:00,4,17851,United Kingdom\n";                    // line 9: quantity 0
        using var file = TempFile.Of(text);

        var job = await service.ImportAsync(file.Path, ImportTest.RetailOrders());
        Assert.Equal((2L, 4L, 1L), (job.Counts.OrdersCreated, job.Counts.RowsRejected, job.Counts.RowsSkipped));

        var report = new StringWriter();
        await service.WriteReportAsync(job.Id, report);
        var expected = new[]
        {
            "line,outcome,column,value,message",
            "3,rejected,Quantity,abc,Not a whole number.",
            "4,skipped,,,No customer key: an order belongs to a customer (number or e-mail).",
            "7,rejected,InvoiceDate,01.02.2020," + PlainCsv.Quote("Not a date in the file's format (M/d/yyyy, M/d/yyyy H:mm, M/d/yyyy H:mm:ss)."),
            "8,rejected,UnitPrice,'-4," + PlainCsv.Quote("A price lies between 0 and 1,000,000."),
            "9,rejected,Quantity,0,The quantity cannot be 0 (a return has a negative quantity).",
        };
        Assert.Equal(string.Join("\r\n", expected) + "\r\n", report.ToString());

        // Read back as CSV: the same problems the service lists.
        var records = PlainCsv.Records(report.ToString(), ',');
        var problems = await service.ProblemsAsync(job.Id);
        Assert.Equal(problems.Count + 1, records.Count);
        Assert.Equal(problems.Select(p => p.Line.ToString(CultureInfo.InvariantCulture)), records.Skip(1).Select(r => r[0]));
        Assert.Equal(problems.Select(p => p.Message), records.Skip(1).Select(r => r[4]));
    }
}
