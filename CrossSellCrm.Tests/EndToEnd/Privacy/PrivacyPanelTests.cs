using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Privacy;

/// <summary>A manager exports a segment's members, then answers a customer's erasure request on the customer's page.</summary>
public class PrivacyPanelTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Manager_ExportsASegmentsMembers_ThenErasesACustomer_AndTheLogSaysWhoAndWhy()
    {
        int segment, customer;
        string number, lastName;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            segment = await db.Segments.Where(s => s.MemberCount > 0).OrderByDescending(s => s.MemberCount).Select(s => s.Id).FirstAsync();
            var c = await db.Customers.Where(c => !c.IsErased && db.SegmentMemberships.Any(m => m.SegmentId == segment && m.CustomerId == c.Id)).OrderBy(c => c.Id).FirstAsync();
            (customer, number, lastName) = (c.Id, c.CustomerNumber, c.LastName);
        }
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");

        await BrowserFixture.OpenAsync(page, $"/segments/{segment}", "[data-testid=members-export]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=members-export]"));
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).ToList();
        Assert.Equal(string.Join(",", DataExport.CustomerColumns), lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines, l => l.StartsWith(number + ",", StringComparison.Ordinal));

        await BrowserFixture.OpenAsync(page, $"/customers/{customer}/edit", "[data-testid=privacy-panel]");
        await page.ClickAsync("[data-testid=consent-Sms]");
        await Assertions.Expect(page.Locator("[data-testid=consent-history]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=privacy-erase]");
        await Assertions.Expect(page.Locator("[data-testid=erase-warning]")).ToContainTextAsync("cannot be undone");
        await page.FillAsync("[data-testid=erase-reason]", "Customer's e-mail of 30 Nov 2026");
        await Assertions.Expect(page.Locator("[data-testid=erase-submit]")).ToBeDisabledAsync();
        await page.FillAsync("[data-testid=erase-confirm]", number);
        await browser.ScreenshotAsync(page, "privacy-erase-en");
        await page.ClickAsync("[data-testid=erase-submit]");

        await page.WaitForSelectorAsync("[data-testid=privacy-log]");
        var row = page.Locator("[data-testid=privacy-log] tr[data-kind=Erasure]").First;
        await Assertions.Expect(row).ToContainTextAsync("Customer's e-mail of 30 Nov 2026");
        await Assertions.Expect(row).ToContainTextAsync(DemoAccounts.Manager);
        await browser.ScreenshotAsync(page, "privacy-log-en");
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            var erased = await db.Customers.SingleAsync(c => c.Id == customer);
            Assert.True(erased.IsErased);
            Assert.NotEqual(lastName, erased.LastName);
        }
        // The customer's page is gone.
        await BrowserFixture.OpenAsync(page, $"/customers/{customer}/edit", ".mud-alert");
        Assert.Equal(0, await page.Locator("[data-testid=privacy-panel]").CountAsync());
    }

    [Theory]
    [MemberData(nameof(Layout.LayoutTests.Sizes), MemberType = typeof(Layout.LayoutTests))]
    public async Task PrivacyPanel_FitsTheScreen_InEnglishAndGerman(int width, int height, string locale)
    {
        int customer;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            customer = await db.Customers.Where(c => !c.IsErased).OrderByDescending(c => c.Id).Skip(width / 100 + (locale == "de-DE" ? 20 : 0)).Select(c => c.Id).FirstAsync();
        var page = await browser.NewPageAsync(locale, width, height);
        await page.GotoAsync("/Account/Login");
        if (locale.StartsWith("de", StringComparison.Ordinal)) await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-interactive=true]");
        await BrowserFixture.OpenAsync(page, $"/customers/{customer}/edit", "[data-testid=privacy-panel]");
        await page.ClickAsync("[data-testid=privacy-erase]");
        await page.Locator("[data-testid=privacy-panel]").ScrollIntoViewIfNeededAsync();
        if (locale == "de-DE") await Assertions.Expect(page.Locator("[data-testid=erase-warning]")).ToContainTextAsync("nicht rückgängig");
        await browser.ScreenshotAsync(page, $"layout-privacy-{width}-{locale[..2]}");
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width + 1, $"the privacy panel scrolls sideways at {width}px ({scroll}px)");
        await BrowserFixture.OpenAsync(page, "/privacy", "[data-testid=privacy-log], [data-testid=privacy-log-empty]");
        await browser.ScreenshotAsync(page, $"layout-privacy-log-{width}-{locale[..2]}");
    }
}
