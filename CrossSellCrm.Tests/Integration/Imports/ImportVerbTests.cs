using System.Globalization;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace CrossSellCrm.Tests.Integration.Imports;

public class ImportVerbTests
{
    private static RetailFile Retail => RetailFile.Instance.Value;

    private static async Task<(int Code, string Out, string Err)> Run(string database, params string[] args)
    {
        using var _ = ImportTest.English();
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={database}" };
        var code = await CommandLineVerbs.RunAsync(["import", .. args], output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] LinesOf(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Row counts and Σ net revenue, read with plain SQL (not through the app).</summary>
    private static async Task<(long Customers, long Products, long Orders, long Lines, decimal Revenue)> Database(string path)
    {
        if (!File.Exists(path)) return (0, 0, 0, 0, 0);
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var revenue = 0m;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"NetRevenue\" FROM \"Orders\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) revenue += decimal.Parse(reader.GetString(0), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return (await Count("Customers"), await Count("Products"), await Count("Orders"), await Count("OrderLines"), revenue);
    }

    [Fact]
    public async Task ImportOrders_RetailFileCreateMissing_ExitZero_PrintsOneLinePerCount()
    {
        var database = TempSqlite.NewPath("crm-import");
        try
        {
            var (code, output, error) = await Run(database, "orders", "--input", Retail.Path, "--create-missing");

            Assert.True(code == 0, error);
            var lines = LinesOf(output);
            Assert.Contains("reading online_retail_10k.csv: utf-8, separator comma, culture en-US", lines);
            Assert.Contains("mapping: country=Country, customer=CustomerID, date=InvoiceDate, order=InvoiceNo, product-name=Description, quantity=Quantity, " +
                "sku=StockCode, unit-price=UnitPrice", lines);
            var expected = new[]
            {
                $"customers created: {Retail.Customers}", "customers updated: 0", $"products created: {Retail.Products}", $"orders created: {Retail.Orders}",
                "orders updated: 0", "order lines created: 10000", "rows unchanged: 0", "rows skipped: 0", "rows rejected: 0", "rows duplicate: 0",
            };
            var start = Array.IndexOf(lines, expected[0]);
            Assert.True(start >= 0, output);
            Assert.Equal(expected, lines.Skip(start).Take(expected.Length));
            Assert.Equal("customers created: 390", expected[0]);
            Assert.Matches(@"^import #\d+: 10,000 rows in [\d.]+ s$", lines[start + expected.Length]);
            Assert.Equal("", error);

            var stored = await Database(database);
            Assert.Equal((390L, 1_822L, 521L, 10_000L), (stored.Customers, stored.Products, stored.Orders, stored.Lines));
            Assert.InRange(stored.Revenue, Retail.Revenue - 0.05m, Retail.Revenue + 0.05m);

            // The same command again: nothing new, every row unchanged.
            var again = await Run(database, "orders", "--input", Retail.Path, "--create-missing");
            Assert.Equal(0, again.Code);
            var againLines = LinesOf(again.Out);
            Assert.Contains("rows unchanged: 10000", againLines);
            Assert.Contains("orders created: 0", againLines);
            Assert.Contains("customers created: 0", againLines);
            Assert.Equal(stored, await Database(database));
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_DryRun_CountsTheSame_WritesNothing()
    {
        var database = TempSqlite.NewPath("crm-import-dry");
        try
        {
            var (code, output, error) = await Run(database, "orders", "--input", Retail.Path, "--create-missing", "--dry-run");

            Assert.True(code == 0, error);
            var lines = LinesOf(output);
            Assert.Contains("dry run: nothing was written", lines);
            Assert.Contains($"customers created: {Retail.Customers}", lines);
            Assert.Contains($"products created: {Retail.Products}", lines);
            Assert.Contains($"orders created: {Retail.Orders}", lines);
            Assert.Contains("order lines created: 10000", lines);
            Assert.Contains("rows rejected: 0", lines);
            Assert.Equal((0L, 0L, 0L, 0L, 0m), await Database(database));
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_MapOverridesAndAddsColumns()
    {
        var database = TempSqlite.NewPath("crm-import-map");
        using var file = ImportTest.WriteLines([
            "Beleg,Kunde,Datum,Artikel,Text,Anzahl,Betrag",
            "B1,K1,2021-03-01 10:00:00,A-1,Kaffeebecher,2,4.50",
            "B1,K1,2021-03-01 10:00:00,A-2,Teekanne,1,19.90",
            "B2,K2,2021-03-02 11:00:00,A-1,Kaffeebecher,3,4.50",
        ]);
        try
        {
            // As suggested, "Artikel" is the product name, and there is no SKU: refused, naming what to map.
            var refused = await Run(database, "orders", "--input", file.Path, "--create-missing");
            Assert.Equal(2, refused.Code);
            Assert.Equal(
            [
                "error: Map a column to the field \"sku\": the import needs it.",
                "The file's columns: Beleg, Kunde, Datum, Artikel, Text, Anzahl, Betrag. Map a field with --map FIELD=COLUMN.",
            ], LinesOf(refused.Err));

            var (code, output, error) = await Run(database, "orders", "--input", file.Path, "--create-missing",
                "--map", "sku=Artikel", "--map", "product-name=Text", "--map", "unit-price=Betrag");

            Assert.True(code == 0, error);
            var lines = LinesOf(output);
            Assert.Contains("mapping: customer=Kunde, date=Datum, order=Beleg, product-name=Text, quantity=Anzahl, sku=Artikel, unit-price=Betrag", lines);
            Assert.Contains("orders created: 2", lines);
            Assert.Contains("order lines created: 3", lines);
            Assert.Contains("products created: 2", lines);
            var stored = await Database(database);
            Assert.Equal((2L, 2L, 2L, 3L, 2 * 4.50m + 19.90m + 3 * 4.50m), stored);
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Sku\" || '=' || \"Name\" FROM \"Products\" ORDER BY \"Sku\"";
            var products = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) products.Add(reader.GetString(0));
            Assert.Equal(["A-1=Kaffeebecher", "A-2=Teekanne"], products);
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_MapWithEmptyColumn_LeavesTheFieldOut()
    {
        var database = TempSqlite.NewPath("crm-import-unmap");
        using var file = ImportTest.WriteLines([
            "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID",
            "X1,S1,5,2021-03-01 10:00:00,2.00,K1",
        ]);
        try
        {
            var (code, output, error) = await Run(database, "orders", "--input", file.Path, "--create-missing", "--map", "quantity=");
            Assert.True(code == 0, error);
            Assert.Contains("mapping: customer=CustomerID, date=InvoiceDate, order=InvoiceNo, sku=StockCode, unit-price=UnitPrice", LinesOf(output));
            Assert.Equal(2.00m, (await Database(database)).Revenue); // quantity 1 when it is not mapped
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_MissingFile_ExitTwoWithTheReason()
    {
        var database = TempSqlite.NewPath("crm-import-missing");
        var input = Path.Combine(Path.GetTempPath(), $"no-such-file-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, output, error) = await Run(database, "orders", "--input", input);
            Assert.Equal(2, code);
            Assert.Equal($"error: --input: There is no file {input}.", error.Trim());
            Assert.Equal("", output);
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_EmptyOrBinaryFile_ExitTwoWithTheReason()
    {
        var database = TempSqlite.NewPath("crm-import-empty");
        using var empty = TempFile.Of(Array.Empty<byte>());
        using var binary = TempFile.Of([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], ".zip");
        try
        {
            var first = await Run(database, "orders", "--input", empty.Path);
            Assert.Equal((2, "error: --input: The file is empty."), (first.Code, first.Err.Trim()));
            var second = await Run(database, "orders", "--input", binary.Path);
            Assert.Equal((2, "error: --input: The file is not a text file (it holds binary data): export it as CSV."), (second.Code, second.Err.Trim()));
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_MapNamesAMissingColumn_ExitTwo_NothingImported()
    {
        var database = TempSqlite.NewPath("crm-import-column");
        try
        {
            var (code, _, error) = await Run(database, "orders", "--input", Retail.Path, "--create-missing", "--map", "customer=Kunde");
            Assert.Equal(2, code);
            var lines = LinesOf(error);
            Assert.Equal("error: The column \"Kunde\" (for customer) is not in the file. Its columns: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, " +
                "UnitPrice, CustomerID, Country, Revenue, Month.", lines[0]);
            Assert.StartsWith("The file's columns: InvoiceNo, StockCode", lines[1]);
            Assert.Equal((0L, 0L, 0L, 0L, 0m), await Database(database));
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_MapNamesAnUnknownField_ExitTwo()
    {
        var database = TempSqlite.NewPath("crm-import-field");
        try
        {
            var (code, _, error) = await Run(database, "orders", "--input", Retail.Path, "--map", "colour=Country");
            Assert.Equal(2, code);
            Assert.Equal("error: \"colour\" is no field of orders; the fields are: order, customer, date, time, channel, sku, product-name, quantity, unit-price, " +
                "discount, country.", LinesOf(error)[0]);
        }
        finally { TempSqlite.Delete(database); }
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("=Country")]
    public async Task ImportOrders_MapThatIsNoFieldEqualsColumn_ExitTwo(string map)
    {
        var database = TempSqlite.NewPath("crm-import-badmap");
        try
        {
            var (code, _, error) = await Run(database, "orders", "--input", Retail.Path, "--map", map);
            Assert.Equal(2, code);
            Assert.Equal($"error: --map: '{map}' is not FIELD=COLUMN.", error.Trim());
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task Import_UnknownKind_ExitTwo()
    {
        var database = TempSqlite.NewPath("crm-import-kind");
        try
        {
            var (code, _, error) = await Run(database, "sales", "--input", Retail.Path);
            Assert.Equal(2, code);
            Assert.Contains("sales", error);
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task ImportOrders_ErrorsOption_WritesTheReport()
    {
        var database = TempSqlite.NewPath("crm-import-errors");
        var report = ImportTest.TempPath();
        using var file = ImportTest.WriteLines([
            "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID",
            "X1,S1,5,2021-03-01 10:00:00,2.00,K1",
            "X2,S1,five,2021-03-01 10:00:00,2.00,K1",
            "X3,S1,1,2021-03-01 10:00:00,2.00,",
        ]);
        try
        {
            var (code, output, error) = await Run(database, "orders", "--input", file.Path, "--create-missing", "--errors", report);
            Assert.True(code == 0, error);
            Assert.Contains("rows rejected: 1", LinesOf(output));
            Assert.Contains("rows skipped: 1", LinesOf(output));
            var text = await File.ReadAllTextAsync(report);
            Assert.Equal(
                "line,outcome,column,value,message\r\n" +
                "3,rejected,Quantity,five,Not a whole number.\r\n" +
                "4,skipped,,,No customer key: an order belongs to a customer (number or e-mail).\r\n", text);
        }
        finally
        {
            TempSqlite.Delete(database);
            File.Delete(report);
        }
    }

    [Fact]
    public async Task ImportHelp_ListsTheFieldsOfEveryKind()
    {
        var database = TempSqlite.NewPath("crm-import-help");
        try
        {
            var (code, help, _) = await Run(database, "--help");
            Assert.Equal(0, code);
            var output = System.Text.RegularExpressions.Regex.Replace(help, @"\s+", " "); // the help may wrap long lines
            Assert.Contains("unit-price", output);
            Assert.Contains("orders: order*, customer, date*, time, channel, sku*, product-name, quantity, unit-price, discount, country", output);
            Assert.Contains("customers: customer, email, first-name", output);
            Assert.Contains("products: sku*, name*", output);
            Assert.Contains("relations: from-sku*, to-sku*", output);
            foreach (var option in new[] { "--input", "--map", "--mapping", "--save-mapping", "--culture", "--date-format", "--create-missing", "--dry-run", "--errors" })
                Assert.Contains(option, output);
            Assert.False(File.Exists(database));
        }
        finally { TempSqlite.Delete(database); }
    }
}
