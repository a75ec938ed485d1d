using CrossSellCrm.Tests.Support;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>A manager decides on the catalogue page which kinds of product a customer may own several of; a rep only reads it.</summary>
public class CatalogPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Category(IPage page, string name) =>
        page.Locator("[data-testid=catalog-category]").Filter(new() { HasText = name });

    [Fact]
    public async Task Manager_TurnsSeveralAreNormalOnForACategory_AndItIsStillOnAfterAReload()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.OpenAsync(page, "/catalog", "[data-testid=catalog-categories]");
        var headphones = Category(page, "Headphones").Locator("input[type=checkbox]");
        var memoryCards = Category(page, "Memory cards").Locator("input[type=checkbox]");
        await Assertions.Expect(headphones).Not.ToBeCheckedAsync();
        await Assertions.Expect(memoryCards).ToBeCheckedAsync();

        await headphones.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Headphones: owners may be offered another one.");
        await browser.ScreenshotAsync(page, "catalog-categories-en");

        await BrowserFixture.OpenAsync(page, "/catalog", "[data-testid=catalog-categories]");
        await Assertions.Expect(Category(page, "Headphones").Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await Category(page, "Headphones").Locator("input[type=checkbox]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Headphones: owners are not offered a second one.");
    }

    [Fact]
    public async Task Rep_SeesTheFlagButCannotChangeIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await BrowserFixture.OpenAsync(page, "/catalog", "[data-testid=catalog-categories]");
        await Assertions.Expect(page.Locator("[data-testid=category-several]")).ToHaveCountAsync(0);
        await Assertions.Expect(Category(page, "Memory cards")).ToContainTextAsync("Yes");
        await Assertions.Expect(Category(page, "Tripods")).ToContainTextAsync("No");
    }
}
