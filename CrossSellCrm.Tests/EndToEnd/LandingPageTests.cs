using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

public class LandingPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(DemoAccounts.Sales, "sales-home", "[data-testid=recent-customers] tbody tr")]
    [InlineData(DemoAccounts.Manager, "manager-home", "[data-testid=kpi-card]")]
    [InlineData(DemoAccounts.Trainer, "trainer-home", "[data-testid=rep-acceptance] tbody tr")]
    [InlineData(DemoAccounts.Admin, "admin-home", "[data-testid=admin-home] .kpi-value")]
    public async Task SignIn_EachRole_SeesRealDataOnTheirLandingPage(string email, string section, string dataSelector)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email, $"[data-testid={section}]");

        var rows = page.Locator(dataSelector);
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 1);
        await BrowserFixture.WaitForChartsAsync(page); // every role's landing page draws a chart from the database
        await browser.ScreenshotAsync(page, $"landing-{section}-en");
    }

    [Fact]
    public async Task Manager_InGerman_SeesGermanTextAndNumbers()
    {
        var page = await browser.NewPageAsync("de-DE");
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("[data-testid=culture-de]");
        await Assertions.Expect(page.Locator("label[for='Input.Password']")).ToHaveTextAsync("Passwort");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.WaitForChartsAsync(page);

        await Assertions.Expect(page.GetByText("Nettoumsatz").First).ToBeVisibleAsync();
        var revenue = await page.Locator("[data-testid=kpi-value]").First.TextContentAsync();
        Assert.EndsWith("€", revenue!.Trim()); // German puts the euro sign after the amount
        await browser.ScreenshotAsync(page, "landing-manager-home-de");
    }

    [Fact]
    public async Task Rep_TypingAnAdminUrl_IsDenied()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=users-table]").CountAsync());
    }

    [Fact]
    public async Task Admin_OpensUsersFromTheNavigation_SeesEveryDemoUserWithRoles()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-testid=admin-home]");
        await Assertions.Expect(page.Locator("[data-testid=welcome]")).ToHaveTextAsync("Welcome, Alex Admin");
        await page.ClickAsync("[data-testid=nav-users]");
        await Assertions.Expect(page.Locator("[data-testid=users-table] tbody tr")).ToHaveCountAsync(9);
        await Assertions.Expect(page.GetByText("Mara Schulz")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "admin-users-en");
    }

    [Fact]
    public async Task Manager_OpensAssociationRules_SeesMinedRulesAndCanMineAgain()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.ClickAsync("[data-testid=nav-rules]");
        await Assertions.Expect(page.Locator("[data-testid=rules-table] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var status = page.Locator("[data-testid=rules-status]");
        var before = await status.GetAttributeAsync("data-mined-at");
        await page.ClickAsync("[data-testid=mine-now]");
        await Assertions.Expect(status).Not.ToHaveAttributeAsync("data-mined-at", before!, new() { Timeout = 30_000 });
        Assert.Matches(@"Mined \d{2}/\d{2}/\d{4}", await status.TextContentAsync()); // still the circuit's en-GB date after the swap
        await browser.ScreenshotAsync(page, "association-rules-en");
    }

    [Fact]
    public async Task Manager_RunsTheOfflineEvaluation_SeesIntervalsAVerdictTheCurve_AndSetsTheMarginWeight()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.ClickAsync("[data-testid=nav-quality]");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await page.SelectOptionAsync("[data-testid=quality-protocol-select]", "Horizon");
        await page.ClickAsync("[data-testid=run-evaluation]");
        var rows = page.Locator("[data-testid=quality-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(6, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid=quality-protocol]")).ToContainTextAsync("everything after the split");
        await Assertions.Expect(page.GetByText("Engine, margin weight 0").First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Last.Locator("td").Last).ToContainTextAsync("€");
        Assert.Matches(@"^0\.\d{3} – 0\.\d{3}$", (await rows.First.Locator("[data-testid=hit-interval]").TextContentAsync())!.Trim());
        await Assertions.Expect(page.Locator("[data-testid=quality-verdict]")).ToContainTextAsync("hit rate");
        await BrowserFixture.WaitForChartsAsync(page);
        await browser.ScreenshotAsync(page, "recommendation-quality-en");

        // The weight: 0.5, saved, audited, and what the engine is rebuilt with.
        await SlideAsync(page, "0.5");
        await Assertions.Expect(page.Locator("[data-testid=margin-weight-value]")).ToHaveTextAsync("0.50");
        await Assertions.Expect(page.Locator("[data-testid=margin-weight-effect]")).ToContainTextAsync("hit rate 0.");
        await page.ClickAsync("[data-testid=margin-weight-save]");
        await Assertions.Expect(page.Locator("[data-testid=margin-weight-save]")).ToBeDisabledAsync();
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal(0.5, (await db.EngineTunings.SingleAsync()).MarginWeight);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "EngineTuning"), "the change is audited");
        var engines = browser.App.Services.GetRequiredService<CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore>();
        for (var i = 0; i < 300 && engines.Current?.Settings.MarginWeight != 0.5; i++) await Task.Delay(100);
        Assert.Equal(0.5, engines.Current?.Settings.MarginWeight);
        await SlideAsync(page, "0.25"); // put the default back for the other tests
        await page.ClickAsync("[data-testid=margin-weight-save]");
        await Assertions.Expect(page.Locator("[data-testid=margin-weight-save]")).ToBeDisabledAsync();
    }

    // A range input cannot be typed into: set it as a drag would, and let the change reach the circuit.
    private static Task SlideAsync(IPage page, string value) =>
        page.Locator("[data-testid=margin-weight-input]").EvaluateAsync("(e, v) => { e.value = v; e.dispatchEvent(new Event('change', { bubbles: true })); }", value);
}
