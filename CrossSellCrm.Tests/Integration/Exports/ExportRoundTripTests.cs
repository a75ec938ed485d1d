using System.Globalization;
using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Exports;

/// <summary>
/// Every list's export is a file the importer reads back unchanged: the demo CRM's customers, products, relations and orders,
/// exported in English and in German (semicolon, decimal comma), imported again — every row unchanged, nothing created.
/// </summary>
public class ExportRoundTripTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    public static TheoryData<ImportKind, string> Cases() => new()
    {
        { ImportKind.Customers, "en" }, { ImportKind.Customers, "de" }, { ImportKind.Products, "en" }, { ImportKind.Products, "de" },
        { ImportKind.Relations, "en" }, { ImportKind.Relations, "de" }, { ImportKind.Orders, "en" }, { ImportKind.Orders, "de" },
        { ImportKind.Subscriptions, "en" }, { ImportKind.Subscriptions, "de" }, { ImportKind.Offers, "en" }, { ImportKind.Offers, "de" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Export_ImportsBackUnchanged(ImportKind kind, string language)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<DataExport>();
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var format = language == "de" ? CsvFormat.German : CsvFormat.English;
        var file = TempSqlite.NewPath($"export-{kind}-{language}") + ".csv";
        try
        {
            int rows;
            await using (var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(true)))
            {
                rows = kind switch
                {
                    ImportKind.Customers => await export.WriteCustomersAsync(writer, new CustomerExportFilter(), format),
                    ImportKind.Products => await export.WriteProductsAsync(writer, new ProductExportFilter(), format),
                    ImportKind.Relations => await export.WriteRelationsAsync(writer, new ProductExportFilter(), format),
                    ImportKind.Subscriptions => await export.WriteSubscriptionsAsync(writer, new OrderExportFilter(), format),
                    ImportKind.Offers => await export.WriteOffersAsync(writer, new OrderExportFilter(), format),
                    _ => await export.WriteOrdersAsync(writer, new OrderExportFilter(), format),
                };
            }
            Assert.True(rows > 0, "the demo CRM has rows of every kind");
            var text = await File.ReadAllTextAsync(file);
            var header = text.TrimStart('\uFEFF').Split("\r\n")[0];
            Assert.Equal(language == "de" ? ";" : ",", header.Contains(';') ? ";" : ","); // German Excel's separator for German readers
            Assert.Equal(0xEF, (await File.ReadAllBytesAsync(file))[0]); // UTF-8 with BOM, for Excel

            // Read back as a user would: the wizard's suggestions (the headers are the field names) and the culture it guesses.
            var preview = imports.Preview(file, kind);
            Assert.Equal(format.ImportCulture, preview.SuggestedCulture);
            var settings = new ImportSettings(kind, preview.SuggestedMapping, preview.SuggestedCulture);
            Assert.Empty(imports.Problems(file, settings));
            var job = await imports.CreateOrResumeAsync(file, file, settings, dryRun: false, "round-trip");
            job = await imports.RunAsync(job.Id, file);

            var problems = await imports.ProblemsAsync(job.Id, 5);
            Assert.True(job.Counts.RowsRejected == 0, string.Join(" | ", problems.Select(p => $"{p.Line} {p.Column}={p.Value}: {p.Message}")));
            Assert.Equal(ImportJobStatus.Done, job.Status);
            Assert.Equal(rows, job.RowsDone);
            Assert.Equal(rows, job.Counts.RowsUnchanged);
            Assert.Equal(0, job.Counts.CustomersCreated + job.Counts.CustomersUpdated + job.Counts.ProductsCreated + job.Counts.ProductsUpdated
                + job.Counts.RelationsCreated + job.Counts.RelationsUpdated + job.Counts.OrdersCreated + job.Counts.OrdersUpdated + job.Counts.RowsSkipped
                + job.Counts.SubscriptionsCreated + job.Counts.SubscriptionsUpdated + job.Counts.OffersCreated + job.Counts.OffersUpdated);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CellsAFormulaCouldRunIn_AreEscaped_AndStillImportBackUnchanged()
    {
        int id;
        await using (var db = await app.DbFactory.CreateDbContextAsync())
        {
            var customer = await db.Customers.OrderByDescending(c => c.Id).FirstAsync(c => !c.IsErased);
            (customer.LastName, customer.Phone) = ("=HYPERLINK(\"http://evil.example\";\"x\")", "+49 30 1234567");
            customer.PhoneDigits = "49301234567";
            await db.SaveChangesAsync();
            id = customer.Id;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<DataExport>();
        var file = TempSqlite.NewPath("export-formula") + ".csv";
        try
        {
            await using (var writer = new StreamWriter(file)) await export.WriteCustomersAsync(writer, new CustomerExportFilter(CustomerId: id), CsvFormat.English);
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\"", text);
            Assert.Contains(",'+49 30 1234567,", text);
            Assert.DoesNotContain(",=", text);

            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            var preview = imports.Preview(file, ImportKind.Customers);
            var job = await imports.CreateOrResumeAsync(file, file, new ImportSettings(ImportKind.Customers, preview.SuggestedMapping, preview.SuggestedCulture), false, "round-trip");
            job = await imports.RunAsync(job.Id, file);
            Assert.Equal((1L, 0L, 0L), (job.Counts.RowsUnchanged, job.Counts.CustomersUpdated, job.Counts.RowsRejected));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task GermanExport_WritesDecimalCommasAndSemicolons()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<DataExport>();
        var writer = new StringWriter();
        await export.WriteProductsAsync(writer, new ProductExportFilter(), CsvFormat.German);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(";", DataExport.ProductColumns), lines[0]);
        decimal price;
        await using (var db = await app.DbFactory.CreateDbContextAsync())
        {
            var sku = lines[1].Split(';')[0];
            price = await db.Products.Where(p => p.Sku == sku).Select(p => p.Price).SingleAsync();
        }
        Assert.Contains(";" + price.ToString("0.00##", CultureInfo.GetCultureInfo("de-DE")) + ";", lines[1]);
        Assert.Contains(",", price.ToString("0.00##", CultureInfo.GetCultureInfo("de-DE")));
    }
}
