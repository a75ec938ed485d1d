using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Shop;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Shop;

/// <summary>The widget pasted into a shop's product page (the app's demo page): it renders fitting products accessibly, in the page's language, and records a click.</summary>
public class ShopWidgetTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<int> ClicksAsync(string sku)
    {
        using var scope = browser.App.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var id = await db.Products.Where(p => p.Sku == sku).Select(p => p.Id).SingleAsync();
        return await db.ShopWidgetEvents.CountAsync(e => e.ProductId == id && e.Kind == ShopWidgetEventKind.Click);
    }

    [Fact]
    public async Task OnAPhonesPage_TheWidgetShowsAFittingCase_ByKeyboard_AndRecordsTheClick()
    {
        await browser.App.EngineAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.GotoAsync("/shop/demo?sku=PH-PIX9");
        var region = page.GetByRole(AriaRole.Region, new() { Name = "Goes well with it" });
        await Assertions.Expect(region).ToBeVisibleAsync();
        var links = region.GetByRole(AriaRole.Link);
        await Assertions.Expect(links.First).ToBeVisibleAsync();
        var skus = await region.Locator("a[data-sku]").EvaluateAllAsync<string[]>("as => as.map(a => a.dataset.sku)");
        Assert.Contains(skus, s => s is "CS-PIX9" or "CS-PELA");
        Assert.DoesNotContain(skus, s => s.StartsWith("PH-", StringComparison.Ordinal));
        await Assertions.Expect(region).ToContainTextAsync("€");
        await browser.ScreenshotAsync(page, "shop-widget-en");

        var first = skus[0];
        var before = await ClicksAsync(first);
        await links.First.FocusAsync();
        await Assertions.Expect(links.First).ToBeFocusedAsync();
        // Committed is enough: the click is reported before the next page loads.
        var navigated = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/shop/demo\\?sku={first}$"), new() { WaitUntil = WaitUntilState.Commit });
        await page.Keyboard.PressAsync("Enter");
        await navigated;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (await ClicksAsync(first) == before && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal(before + 1, await ClicksAsync(first));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(390)]
    public async Task ForAGermanVisitor_TheWidgetSpeaksGerman(int width)
    {
        await browser.App.EngineAsync();
        var page = await browser.NewPageAsync("de-DE", width);
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await page.GotoAsync("/shop/demo?sku=CM-R8");
        var region = page.GetByRole(AriaRole.Region, new() { Name = "Passt gut dazu" });
        await Assertions.Expect(region.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Assertions.Expect(region).ToContainTextAsync("Käufer");
        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        await browser.ScreenshotAsync(page, $"shop-widget-de-{width}");
    }
}
