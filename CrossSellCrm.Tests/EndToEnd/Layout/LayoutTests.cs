using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Layout;

/// <summary>
/// The main screens at a desktop (1366), a small laptop or tablet (1024 × 768) and a phone (390 × 844), in English and
/// German: what must be visible without scrolling is, nothing runs sideways, and screenshots are left to look at.
/// </summary>
public class LayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<int, int, string> Sizes() => new()
    {
        { 1366, 900, "en-GB" }, { 1024, 768, "en-GB" }, { 390, 844, "en-GB" }, { 1366, 900, "de-DE" }, { 1024, 768, "de-DE" }, { 390, 844, "de-DE" },
    };

    private async Task<IPage> SignedInAsync(string email, string ready, int width, int height, string locale)
    {
        var page = await browser.NewPageAsync(locale, width, height);
        await page.GotoAsync("/Account/Login");
        if (locale.StartsWith("de", StringComparison.Ordinal)) await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, email, ready);
        return page;
    }

    private static string Name(string page, int width, string locale) => $"layout-{page}-{width}-{locale[..2]}";

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width, string what)
    {
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width + 1, $"{what} scrolls sideways at {width}px ({scroll}px)");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task CallCockpit_OffersAreSeenWithoutScrolling_AndTheChipsWrap(int width, int height, string locale)
    {
        int customer;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            var rep = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Sales);
            // A customer with many chips: several interests and values, three or more segments.
            customer = await db.Customers.Where(c => c.AssignedRepId == rep.Id && c.Tags.Count >= 3 && db.SegmentMemberships.Count(m => m.CustomerId == c.Id) >= 2)
                .OrderByDescending(c => c.Tags.Count).Select(c => c.Id).FirstAsync();
        }
        await browser.App.EngineAsync();
        var page = await SignedInAsync(DemoAccounts.Sales, "[data-testid=sales-home]", width, height, locale);
        await BrowserFixture.OpenAsync(page, $"/calls/{customer}", "[data-testid=customer-360]");
        await page.WaitForSelectorAsync("[data-testid=offer-card], [data-testid=panel-stop]");
        await page.WaitForTimeoutAsync(400);
        await browser.ScreenshotAsync(page, Name("cockpit", width, locale));

        var panel = (await page.Locator("[data-testid=suggestion-panel]").BoundingBoxAsync())!;
        var first = await page.Locator("[data-testid=offer-card]").First.BoundingBoxAsync();
        var profile = (await page.Locator("[data-testid=customer-360]").BoundingBoxAsync())!;
        if (width < 600) Assert.True(panel.Y < profile.Y, "on a phone the offers come before the customer");
        else Assert.True(panel.X > profile.X, $"at {width}px the offers stand beside the customer");
        // Every card, with its answer buttons, is on screen without scrolling (on a phone: the first one).
        Assert.NotNull(first);
        var cards = page.Locator("[data-testid=offer-card]");
        var last = (await cards.Nth(width < 600 ? 0 : await cards.CountAsync() - 1).Locator("[data-testid=offer-accept]").BoundingBoxAsync())!;
        Assert.True(last.Y + last.Height <= height, $"the last card's answer buttons end at {last.Y + last.Height:F0}px in a {height}px window");
        // Chips wrap inside their column.
        var overflowing = await page.EvaluateAsync<int>(@"() => {
            const col = document.querySelector('[data-testid=customer-360]').getBoundingClientRect();
            return [...document.querySelectorAll('[data-testid=customer-360] .mud-chip')].filter(c => c.getBoundingClientRect().right > col.right + 1).length; }");
        Assert.Equal(0, overflowing);
        await AssertNoSidewaysScrollAsync(page, width, "the cockpit");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ProfileEditor_BirthDateCanBeTyped_AndTheHeadingShowsTheSavedName(int width, int height, string locale)
    {
        int customer;
        string saved;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            var c = await db.Customers.OrderBy(c => c.Id).Skip(width / 10 + (locale == "de-DE" ? 1 : 0)).FirstAsync(); // one customer per run
            (customer, saved) = (c.Id, $"{c.FirstName} {c.LastName}");
        }
        var page = await SignedInAsync(DemoAccounts.Manager, "[data-testid=manager-home]", width, height, locale);
        await BrowserFixture.OpenAsync(page, $"/customers/{customer}/edit", "[data-testid=profile-save]");
        await page.FillAsync("[data-testid=profile-first-name]", "Unsaved");
        await page.Locator("[data-testid=profile-first-name]").PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=profile-title]")).ToContainTextAsync(saved); // not an echo of the unsaved edit
        var birth = page.Locator("input[data-testid=profile-birthdate], [data-testid=profile-birthdate] input").First;
        await birth.FillAsync(locale == "de-DE" ? "15.03.1990" : "15/03/1990");
        await birth.PressAsync("Tab");
        await page.FillAsync("[data-testid=profile-first-name]", saved.Split(' ')[0]);
        await page.Locator("[data-testid=profile-first-name]").PressAsync("Tab");
        await page.WaitForTimeoutAsync(300);
        await browser.ScreenshotAsync(page, Name("profile", width, locale));
        await AssertNoSidewaysScrollAsync(page, width, "the profile editor");
        await page.ClickAsync("[data-testid=profile-save]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"calls/{customer}$")); // saved, back to the call
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            Assert.Equal(new DateOnly(1990, 3, 15), (await db.Customers.SingleAsync(c => c.Id == customer)).BirthDate);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ManagerScreens_FitTheWidth_AndTheAccountPageIsInTheAppsFrame(int width, int height, string locale)
    {
        int segment;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            segment = await db.Segments.Where(s => s.Name == "Photo enthusiasts").Select(s => s.Id).SingleAsync();
        // The quality page with a finished evaluation (its table, verdict and both charts), as a manager sees it after a run.
        var store = browser.App.Services.GetRequiredService<CrossSellCrm.Domain.Recommendations.Evaluation.EvaluationStore>();
        if (store.Latest is null && store.TryStart())
        {
            await using var scope = browser.App.Services.CreateAsyncScope();
            store.Finish(await scope.ServiceProvider.GetRequiredService<CrossSellCrm.Domain.Recommendations.Evaluation.EvaluationService>()
                .RunAsync(new CrossSellCrm.Domain.Recommendations.Evaluation.EvaluationOptions { MarginCurve = true }));
        }
        var page = await SignedInAsync(DemoAccounts.Manager, "[data-testid=manager-home]", width, height, locale);
        foreach (var (path, ready, name) in new[]
                 {
                     ("/kpis", "[data-testid=dashboard]", "dashboard"), ($"/segments/{segment}", "[data-testid=segment-members-grid]", "segment"),
                     ("/segments/new", "[data-testid=rule-builder]", "builder"), ("/segments", "[data-testid=segments-table]", "segments"),
                     ("/recommendations/quality", "[data-testid=quality-table]", "quality"),
                 })
        {
            await BrowserFixture.OpenAsync(page, path, ready);
            await page.WaitForTimeoutAsync(700);
            await browser.ScreenshotAsync(page, Name(name, width, locale));
            if (name != "dashboard") await AssertNoSidewaysScrollAsync(page, width, name); // the dashboard's wide charts scroll inside their cards
        }
        await page.GotoAsync("/Account/Manage");
        await page.WaitForSelectorAsync("[data-testid=account-frame]");
        Assert.Equal(1, await page.Locator(".mud-appbar").CountAsync()); // the app's bar and menu, not the sign-in card
        await browser.ScreenshotAsync(page, Name("account", width, locale));
    }
}
