using CrossSellCrm.Tests.Support;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>A manager filters the dashboard, sees the numbers change, and drills from a bar to its customers.</summary>
public class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Card(IPage page, string title) =>
        page.Locator("[data-testid=kpi-card]").Filter(new() { HasText = title }).Locator("[data-testid=kpi-value]");

    private static async Task WaitForComputeAsync(IPage page, string? before)
    {
        if (before is not null) await Assertions.Expect(page.Locator("[data-testid=dashboard]")).Not.ToHaveAttributeAsync("data-computed", before);
        await BrowserFixture.WaitForChartsAsync(page);
    }

    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        await page.Locator($"[data-testid={select}]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task Manager_ChangesPeriodAndSegment_NumbersChange_AndDrillsFromABarToItsCustomers()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.GotoAsync("/kpis");
        await page.WaitForSelectorAsync("[data-testid=dashboard]", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await WaitForComputeAsync(page, null);
        var yearRevenue = await Card(page, "Net revenue").TextContentAsync();
        await browser.ScreenshotAsync(page, "dashboard-en");

        var computed = await page.Locator("[data-testid=dashboard]").GetAttributeAsync("data-computed");
        await ChooseAsync(page, "dash-preset", "Last 90 days");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=quarter"));
        await WaitForComputeAsync(page, computed);
        var quarterRevenue = await Card(page, "Net revenue").TextContentAsync();
        Assert.Equal(0, await page.Locator("[data-testid=dash-query-errors]").CountAsync());
        await Assertions.Expect(page.Locator("input[data-testid=dash-preset]")).ToHaveValueAsync("Last 90 days");
        Assert.NotEqual(yearRevenue, quarterRevenue);

        computed = await page.Locator("[data-testid=dashboard]").GetAttributeAsync("data-computed");
        await ChooseAsync(page, "dash-segments", "Students");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("seg=\\d+"));
        await WaitForComputeAsync(page, computed);
        Assert.NotEqual(quarterRevenue, await Card(page, "Net revenue").TextContentAsync());

        // A real click on the bar, where Chart.js drew it.
        var canvas = page.Locator("[data-testid=chart-segments] canvas");
        var bar = await canvas.EvaluateAsync<double[]>("c => { const chart = Chart.getChart(c); const e = chart.getDatasetMeta(0).data[0]; return chart.options.indexAxis === 'y' ? [(e.x + e.base) / 2, e.y] : [e.x, (e.y + e.base) / 2]; }");
        await canvas.ScrollIntoViewIfNeededAsync(); // a mouse click at page coordinates must be in the viewport
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + bar[0]), (float)(box.Y + bar[1]));
        var drill = page.Locator("[data-testid=drill-down]");
        await Assertions.Expect(drill).ToContainTextAsync("Behind the number: Students");
        var count = int.Parse((await page.Locator("[data-testid=drill-count]").TextContentAsync())!.Replace(",", ""));
        Assert.True(count > 0);
        await Assertions.Expect(page.Locator("[data-testid=drill-customers] tbody tr").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "dashboard-drilldown-en");

        // The URL carries the view: opened again, it shows the same filters.
        var url = page.Url;
        var again = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(again, DemoAccounts.Manager, "[data-testid=manager-home]");
        await again.GotoAsync(url);
        await again.WaitForSelectorAsync("[data-testid=dashboard]");
        await again.WaitForSelectorAsync("[data-interactive=true]");
        await Assertions.Expect(again.Locator("input[data-testid=dash-segments]")).ToHaveValueAsync("Students");
    }

    [Fact]
    public async Task Manager_InGerman_SeesGermanLabelsAndEuroAfterTheAmount_AndABadLinkIsExplained()
    {
        var page = await browser.NewPageAsync("de-DE");
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.GotoAsync("/kpis?period=custom&from=2026-13-01&to=2026-02-30");
        await page.WaitForSelectorAsync("[data-testid=dashboard]", new() { Timeout = 60_000 });
        await WaitForComputeAsync(page, null);
        await Assertions.Expect(page.Locator("[data-testid=dash-query-errors]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("canvas[aria-label='Cross-Selling-Quote nach Segment']")).ToBeAttachedAsync();
        Assert.EndsWith("€", (await Card(page, "Nettoumsatz").TextContentAsync())!.Trim());
        await browser.ScreenshotAsync(page, "dashboard-de");

        // Ids nobody has, and dates without a period: every part says why it was left out.
        await page.GotoAsync("/kpis?from=2026-13-45&seg=99999&rep=ghost&cat=abc");
        await page.WaitForSelectorAsync("[data-testid=dashboard]", new() { Timeout = 60_000 });
        var errors = page.Locator("[data-testid=dash-query-errors]");
        await Assertions.Expect(errors).ToContainTextAsync("zwei Daten");
        await Assertions.Expect(errors).ToContainTextAsync("Ein Segment aus dem Link");
        await Assertions.Expect(errors).ToContainTextAsync("Vertriebsmitarbeiter aus dem Link");
        await Assertions.Expect(errors).ToContainTextAsync("nicht lesbar");
    }
}

/// <summary>An open dashboard follows what reps log, without a reload.</summary>
public class DashboardLiveTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RepLogsAnOutcome_TheOpenDashboardUpdatesWithinSeconds()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.GotoAsync("/kpis?period=this-month");
        await page.WaitForSelectorAsync("[data-testid=dashboard]", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-interactive=true]");
        var conversion = page.Locator("[data-testid=kpi-card]").Filter(new() { HasText = "Offer conversion" }).Locator("[data-testid=kpi-value]");
        var before = await conversion.TextContentAsync();
        var computed = await page.Locator("[data-testid=dashboard]").GetAttributeAsync("data-computed");

        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
            var customer = db.Customers.OrderBy(c => c.Id).Select(c => c.Id).First();
            var product = db.Products.OrderBy(p => p.Id).Select(p => p.Id).First();
            var log = scope.ServiceProvider.GetRequiredService<CrossSellCrm.Domain.Recommendations.OfferLog>();
            for (var i = 0; i < 5; i++)
                await log.RecordAsync(new CrossSellCrm.Domain.Recommendations.OfferOutcomeInput
                {
                    CustomerId = customer, ProductId = product, Outcome = CrossSellCrm.Domain.Recommendations.OfferOutcome.Declined,
                }, null);
        }

        await Assertions.Expect(page.Locator("[data-testid=dashboard]")).Not.ToHaveAttributeAsync("data-computed", computed!, new() { Timeout = 10_000 });
        await Assertions.Expect(conversion).Not.ToHaveTextAsync(before!);
    }
}
