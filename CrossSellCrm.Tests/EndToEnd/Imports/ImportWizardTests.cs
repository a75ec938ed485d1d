using System.Text;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Imports;

/// <summary>
/// An admin brings a German shop export in: uploads it, maps the two columns the wizard could not guess, reads the dry
/// run's errors, imports the valid rows, follows the progress and downloads the error report.
/// </summary>
public class ImportWizardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A semicolon-separated export with decimal commas: 4 good rows (two orders), and one row each that is rejected or skipped.</summary>
    private async Task<string> ExportFileAsync(string prefix)
    {
        string customer, sku1, sku2;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerNumber).FirstAsync();
            var skus = await db.Products.OrderBy(p => p.Id).Select(p => p.Sku).Take(2).ToListAsync();
            (sku1, sku2) = (skus[0], skus[1]);
        }
        var path = TempSqlite.NewPath(prefix) + ".csv";
        var lines = new[]
        {
            "Beleg;Debitor;Buchungstag;Artikelnummer;Bezeichnung;Stk;VK-Preis €",
            $"{prefix}-1;{customer};03.11.2026;{sku1};Erster Artikel;1;199,00",
            $"{prefix}-1;{customer};03.11.2026;{sku2};Zweiter Artikel;2;12,50",
            $"{prefix}-2;{customer};04.11.2026;{sku2};Zweiter Artikel;1;12,50",
            $"{prefix}-2;{customer};04.11.2026;{sku1};Erster Artikel;1;189,00",
            $"{prefix}-3;{customer};31.02.2026;{sku1};Falsches Datum;1;199,00",
            $"{prefix}-4;{customer};05.11.2026;{sku1};Keine Menge;0;199,00",
            $"{prefix}-5;;05.11.2026;{sku1};Ohne Kunde;1;199,00",
        };
        // Windows-1252, as German Excel saves it: the € and the umlauts must survive.
        await File.WriteAllTextAsync(path, string.Join("\r\n", lines) + "\r\n", CodePages.Windows1252);
        return path;
    }

    [Fact]
    public async Task Admin_MapsTwoColumnsByHand_ChecksTheFile_ImportsTheValidRows_AndDownloadsTheReport()
    {
        var file = await ExportFileAsync("WZ" + Guid.NewGuid().ToString("N")[..6]);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-interactive=true]");
        await BrowserFixture.OpenAsync(page, "/data/import", "[data-testid=import-upload]");
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.WaitForSelectorAsync("[data-testid=import-mapping]");
        await Assertions.Expect(page.Locator("[data-testid=import-dialect]")).ToContainTextAsync("semicolon");
        await Assertions.Expect(page.Locator("[data-testid=import-culture]")).ToHaveValueAsync("de-DE");
        // Suggested from the German headers.
        await Assertions.Expect(page.Locator("[data-testid=map-order]")).ToHaveValueAsync("Beleg");
        await Assertions.Expect(page.Locator("[data-testid=map-unit-price]")).ToHaveValueAsync("VK-Preis €");
        await Assertions.Expect(page.Locator("[data-testid=map-quantity]")).ToHaveValueAsync("Stk");
        // Not guessed: the date is required, so the check waits for it.
        await Assertions.Expect(page.Locator("[data-testid=mapping-problems]")).ToContainTextAsync("date");
        await Assertions.Expect(page.Locator("[data-testid=import-check]")).ToBeDisabledAsync();
        await page.SelectOptionAsync("[data-testid=map-date]", "Buchungstag");
        await page.SelectOptionAsync("[data-testid=map-customer]", "Debitor");
        await Assertions.Expect(page.Locator("[data-testid=mapping-problems]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-field=date] .import-sample")).ToContainTextAsync("03.11.2026");
        await browser.ScreenshotAsync(page, "import-mapping-en");

        await page.ClickAsync("[data-testid=import-check]");
        var job = page.Locator("[data-testid=import-job]");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 30_000 });
        await Assertions.Expect(job).ToHaveAttributeAsync("data-dry-run", "true");
        await Assertions.Expect(Count(page, "WillCreateOrders")).ToHaveTextAsync("2");
        await Assertions.Expect(Count(page, "Rejected")).ToHaveTextAsync("2");
        await Assertions.Expect(Count(page, "Skipped")).ToHaveTextAsync("1");
        var problems = page.Locator("[data-testid=import-problems] tbody tr");
        await Assertions.Expect(problems).ToHaveCountAsync(3);
        await Assertions.Expect(problems.Nth(0)).ToContainTextAsync("31.02.2026");
        await Assertions.Expect(problems.Nth(1)).ToContainTextAsync("cannot be 0");
        await Assertions.Expect(problems.Nth(2)).ToContainTextAsync("No customer key");
        await browser.ScreenshotAsync(page, "import-dry-run-en");
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            Assert.False(await db.Orders.AnyAsync(o => o.OrderNumber.StartsWith("WZ")), "a dry run writes nothing");

        await page.ClickAsync("[data-testid=import-valid]");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-dry-run", "false");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 30_000 });
        await Assertions.Expect(Count(page, "DidCreateOrders")).ToHaveTextAsync("2");
        await Assertions.Expect(Count(page, "DidCreateLines")).ToHaveTextAsync("4");
        await browser.ScreenshotAsync(page, "import-done-en");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=import-report]"));
        var report = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("line,outcome,column,value,message", report.TrimStart('\uFEFF'));
        Assert.Equal(4, report.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("7,rejected,Stk,0,", report);

        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            var orders = await db.Orders.Include(o => o.Lines).Where(o => o.OrderNumber.StartsWith("WZ")).OrderBy(o => o.OrderNumber).ToListAsync();
            Assert.Equal([2, 2], orders.Select(o => o.Lines.Count));
            Assert.Equal(224.00m, orders[0].NetRevenue); // 199,00 + 2 × 12,50: decimal commas read as such
            Assert.Equal(new DateTime(2026, 11, 3), orders[0].OrderedAt.Date);
        }

        // The job is in the list of past imports.
        await BrowserFixture.OpenAsync(page, "/data/imports", "[data-testid=imports-table]");
        await Assertions.Expect(page.Locator("[data-testid=imports-table] tbody tr").First).ToContainTextAsync(Path.GetFileName(file));
    }

    [Fact]
    public async Task BigFile_TheProgressShows_AndAReloadFollowsTheSameJob()
    {
        // The online-retail export six times over (60,000 lines, own invoice numbers): long enough to watch.
        var source = File.ReadAllLines(Domain.Recommendations.RealData.DatasetPath("online_retail_10k.csv"));
        var file = TempSqlite.NewPath("retail-60k") + ".csv";
        await File.WriteAllLinesAsync(file, source.Take(1).Concat(Enumerable.Range(0, 6).SelectMany(copy =>
            source.Skip(1).Select(line => "P" + copy + "-" + line))));
        try
        {
            var page = await browser.NewPageAsync();
            await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-interactive=true]");
            await BrowserFixture.OpenAsync(page, "/data/import", "[data-testid=import-upload]");
            await page.SetInputFilesAsync("[data-testid=import-file]", file);
            await page.WaitForSelectorAsync("[data-testid=import-mapping]");
            await page.ClickAsync("[data-testid=import-create-missing]");
            await page.ClickAsync("[data-testid=import-check]");
            await page.WaitForSelectorAsync("[data-testid=import-job][data-status=Done]", new() { Timeout = 60_000 });
            await page.ClickAsync("[data-testid=import-valid]");
            // Under way: the bar and the rate; then the page is reloaded and follows the same job to its end.
            await page.WaitForSelectorAsync("[data-testid=import-rate]", new() { Timeout = 30_000 });
            // A batch or more in: rows per second and the time left (or, on a fast day, already done).
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=import-rate]')?.textContent.includes('rows/s') " +
                "|| document.querySelector('[data-testid=import-job]')?.dataset.status === 'Done'", null, new() { Timeout = 60_000 });
            await browser.ScreenshotAsync(page, "import-progress-en");
            var url = page.Url;
            Assert.Contains("job=", url);
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("[data-testid=import-job]");
            Assert.Equal(url, page.Url);
            var job = page.Locator("[data-testid=import-job]");
            await Assertions.Expect(job).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 90_000 });
            await Assertions.Expect(Count(page, "DidCreateLines")).ToHaveTextAsync("60,000");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Layout.LayoutTests.Sizes), MemberType = typeof(Layout.LayoutTests))]
    public async Task Wizard_FitsTheScreen_InEnglishAndGerman(int width, int height, string locale)
    {
        var file = await ExportFileAsync("WL" + Guid.NewGuid().ToString("N")[..6]);
        var page = await browser.NewPageAsync(locale, width, height);
        await page.GotoAsync("/Account/Login");
        if (locale.StartsWith("de", StringComparison.Ordinal)) await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-interactive=true]");
        await BrowserFixture.OpenAsync(page, "/data/import", "[data-testid=import-upload]");
        await browser.ScreenshotAsync(page, $"layout-import-upload-{width}-{locale[..2]}");
        await page.SetInputFilesAsync("[data-testid=import-file]", file);
        await page.WaitForSelectorAsync("[data-testid=import-mapping]");
        await page.SelectOptionAsync("[data-testid=map-date]", "Buchungstag");
        await page.SelectOptionAsync("[data-testid=map-customer]", "Debitor");
        await browser.ScreenshotAsync(page, $"layout-import-mapping-{width}-{locale[..2]}");
        await AssertNoSidewaysScrollAsync(page, width);
        await page.ClickAsync("[data-testid=import-check]");
        await Assertions.Expect(page.Locator("[data-testid=import-job]")).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = 30_000 });
        if (locale == "de-DE") await Assertions.Expect(page.Locator("[data-testid=import-problems]")).ToContainTextAsync("Die Menge kann nicht 0 sein");
        await browser.ScreenshotAsync(page, $"layout-import-check-{width}-{locale[..2]}");
        await AssertNoSidewaysScrollAsync(page, width);
        await page.ClickAsync("[data-testid=import-nothing]");
        await page.WaitForSelectorAsync("[data-testid=import-upload]");
    }

    private static ILocator Count(IPage page, string key) => page.Locator($"[data-count={key}] .kpi-value");

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width + 1, $"the import wizard scrolls sideways at {width}px ({scroll}px)");
    }

    private static class CodePages
    {
        static CodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        public static Encoding Windows1252 => Encoding.GetEncoding(1252);
    }
}
