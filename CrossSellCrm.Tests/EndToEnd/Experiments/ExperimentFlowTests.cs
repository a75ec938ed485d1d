using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Experiments;

/// <summary>A manager plans and starts an experiment; a rep's cockpit shows the mark and, for a holdout customer, the calm message; the manager reads the results.</summary>
public class ExperimentFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string LongName = "Margin counts more for Photo enthusiasts who bought a camera this autumn — a long name that wraps";

    [Fact]
    public async Task Manager_PlansAndStarts_RepSeesVariantAndHoldout_ManagerReadsResultsWithIntervals()
    {
        await browser.App.EngineAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.OpenAsync(page, "/experiments", "[data-testid=experiments-empty], [data-testid=experiments-table]");
        if (await page.Locator("[data-testid=experiments-empty]").CountAsync() > 0) await browser.ScreenshotAsync(page, "experiments-empty-en");

        await BrowserFixture.OpenAsync(page, "/experiments/new", "[data-testid=experiment-planner]");
        await page.FillAsync("[data-testid=experiment-name]", LongName);
        await page.SelectOptionAsync("[data-testid=experiment-change]", nameof(ExperimentChange.MarginWeight));
        await page.FillAsync("[data-testid=arm-value-B]", "0.8");
        await page.Locator("[data-testid=arm-value-B]").DispatchEventAsync("change");
        await page.FillAsync("[data-testid=experiment-baseline]", "20");
        await page.Locator("[data-testid=experiment-baseline]").PressAsync("Tab");
        // 20 % → 25 %, power 80 %, the holdout's 10 % against the control's 45 % decides: 2,943 controls / 0.45 = 6,540.
        await Assertions.Expect(page.Locator("[data-testid=experiment-plan]")).ToContainTextAsync("Needs 6,540 customers");
        await browser.ScreenshotAsync(page, "experiment-plan-en");
        await page.ClickAsync("[data-testid=experiment-start]");
        await page.WaitForSelectorAsync("[data-testid=experiment-title]");
        await Assertions.Expect(page.Locator("[data-testid=experiment-status]")).ToHaveAttributeAsync("data-status", nameof(ExperimentStatus.Running));
        var id = int.Parse(page.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        // Two customers per arm (the hash decides), among those a rep may call by phone: the lift chart needs two a side.
        var byArm = new Dictionary<string, int>();
        var seconds = new Dictionary<string, int>();
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            var e = await db.Experiments.Include(x => x.Arms).SingleAsync(x => x.Id == id);
            Assert.Equal(0.8, e.Arms.Single(a => a.Key == "B").Value);
            var arms = e.Arms.OrderBy(a => a.Key).ToList();
            foreach (var c in await db.MarketingConsents.Where(m => m.Channel == ContactChannel.Phone && m.Granted).Select(m => m.CustomerId).Distinct().OrderBy(x => x).Take(200).ToListAsync())
            {
                var key = ExperimentAssignment.Arm(e.Salt, c, arms, a => a.SharePercent).Key;
                if (!byArm.TryAdd(key, c)) seconds.TryAdd(key, c);
            }
        }
        Assert.Equal(3, seconds.Count);

        var rep = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(rep, DemoAccounts.Sales, "[data-testid=sales-home]");
        foreach (var (arm, customer) in byArm.OrderBy(a => a.Key))
        {
            await rep.GotoAsync($"/calls/{customer}");
            await rep.WaitForSelectorAsync("[data-testid=suggestion-panel] [data-testid=offer-card], [data-testid=panel-stop]");
            await Assertions.Expect(rep.Locator("[data-testid=experiment-mark]")).ToBeVisibleAsync();
            Assert.DoesNotContain(arm == "C" ? "holdout" : "arm", (await rep.Locator("[data-testid=suggestion-panel]").InnerTextAsync()).ToLowerInvariant());
            if (arm == "C")
            {
                await Assertions.Expect(rep.Locator("[data-testid=panel-stop]")).ToHaveAttributeAsync("data-stop", "Holdout");
                await Assertions.Expect(rep.Locator("[data-testid=panel-stop]")).ToContainTextAsync("No suggestion for this customer today");
                Assert.Equal(0, await rep.Locator("[data-testid=offer-card]").CountAsync());
                await browser.ScreenshotAsync(rep, "experiment-cockpit-holdout-en");
            }
            else if (arm == "B") await browser.ScreenshotAsync(rep, "experiment-cockpit-variant-en");
        }

        foreach (var customer in seconds.Values)
        {
            await rep.GotoAsync($"/calls/{customer}");
            await rep.WaitForSelectorAsync("[data-testid=suggestion-panel] [data-testid=offer-card], [data-testid=panel-stop]");
        }

        await BrowserFixture.OpenAsync(page, $"/experiments/{id}", "[data-testid=experiment-results]");
        await Assertions.Expect(page.Locator("[data-testid=experiment-results] tr[data-arm=C] [data-testid=arm-customers]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=experiment-comparisons] tr[data-arm=B][data-metric=OfferConversion] [data-testid=comparison-interval]")).ToContainTextAsync("…");
        await Assertions.Expect(page.Locator("[data-testid=experiment-verdict]")).ToContainTextAsync("collecting");
        await BrowserFixture.WaitForChartsAsync(page);
        await browser.ScreenshotAsync(page, "experiment-results-en");

        // In German, with the same numbers.
        // The switch reloads the same page in German (a navigation of its own: wait for it rather than start another).
        await page.ClickAsync("[data-testid=culture-de]");
        await Assertions.Expect(page.Locator("[data-testid=experiment-verdict]")).ToContainTextAsync("sammelt", new() { Timeout = 15_000 });
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await browser.ScreenshotAsync(page, "experiment-results-de");
        await BrowserFixture.OpenAsync(page, "/experiments/new", "[data-testid=experiment-planner]");
        await browser.ScreenshotAsync(page, "experiment-plan-de");

        // Made the default: audited, the engine ranks with it, and the cockpit's mark is gone.
        await BrowserFixture.OpenAsync(page, $"/experiments/{id}", "[data-testid=experiment-results]");
        await page.ClickAsync("[data-testid=experiment-promote-B]");
        await page.ClickAsync(".mud-dialog .mud-button-root:has-text('Zum Standard machen')");
        await Assertions.Expect(page.Locator("[data-testid=experiment-status]")).ToHaveAttributeAsync("data-status", nameof(ExperimentStatus.Ended));
        await BrowserFixture.OpenAsync(page, "/experiments", "[data-testid=experiments-table]");
        await browser.ScreenshotAsync(page, "experiments-list-de");
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            Assert.Equal(0.8, (await db.EngineTunings.SingleAsync()).MarginWeight);
        await rep.GotoAsync($"/calls/{byArm["C"]}");
        await rep.WaitForSelectorAsync("[data-testid=suggestion-panel] [data-testid=offer-card], [data-testid=panel-stop]");
        Assert.Equal(0, await rep.Locator("[data-testid=experiment-mark]").CountAsync());
    }

    [Theory]
    [MemberData(nameof(Layout.LayoutTests.Sizes), MemberType = typeof(Layout.LayoutTests))]
    public async Task ExperimentPages_FitTheScreen_InEnglishAndGerman(int width, int height, string locale)
    {
        int id;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var experiments = scope.ServiceProvider.GetRequiredService<ExperimentService>();
            id = await experiments.CreateAsync(new ExperimentInput
            {
                Name = $"{LongName} {width} {locale}", Change = ExperimentChange.Diversity, Channels = [ContactChannel.Sms], Baseline = 0.15, MinimumEffect = 0.05,
                Hypothesis = "Customers who see two different kinds of product accept one more often than those who see three cases.",
                Arms = [new("Today's default", 45, ArmRole.Control, 0.9), new("Strong variety", 45, ArmRole.Variant, 0.5), new("No proactive offer", 10, ArmRole.Holdout, null)],
            });
        }
        var page = await browser.NewPageAsync(locale, width, height);
        await page.GotoAsync("/Account/Login");
        if (locale.StartsWith("de", StringComparison.Ordinal)) await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-interactive=true]");
        foreach (var (path, ready, name) in new[]
        {
            ("/experiments", "[data-testid=experiments-table]", "list"),
            ("/experiments/new", "[data-testid=experiment-planner]", "plan"),
            ($"/experiments/{id}", "[data-testid=experiment-results]", "draft"),
        })
        {
            await BrowserFixture.OpenAsync(page, path, ready);
            await browser.ScreenshotAsync(page, $"layout-experiment-{name}-{width}-{locale[..2]}");
            var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scroll <= width + 1, $"{path} scrolls sideways at {width}px ({scroll}px)");
        }
    }
}
