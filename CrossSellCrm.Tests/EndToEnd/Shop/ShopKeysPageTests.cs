using System.Net;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Api;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Shop;

/// <summary>An admin makes a shop key in the browser, sees it once, a shop calls with it, and the admin revokes it.</summary>
public class ShopKeysPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<HttpStatusCode> CallAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = new Uri(browser.App.BaseAddress) };
        client.DefaultRequestHeaders.Add(ShopApi.KeyHeader, key);
        return (await client.GetAsync("/api/products/PH-PIX9/also-bought")).StatusCode;
    }

    [Fact]
    public async Task Admin_MakesAKey_SeesItOnce_TheShopUsesIt_AndTheAdminRevokesIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-testid=admin-home]");
        await page.ClickAsync("[data-testid=nav-shop-keys]");
        await page.WaitForSelectorAsync("[data-testid=shop-key-create]");

        await page.FillAsync("[data-testid=shop-key-name]", "Example web shop");
        await page.FillAsync("[data-testid=shop-key-origins]", "https://shop.example/cart");
        await page.ClickAsync("[data-testid=shop-key-create]");
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("'https://shop.example/cart' is no origin");
        await Assertions.Expect(page.Locator("[data-testid=shop-key-created]")).ToHaveCountAsync(0);

        await page.FillAsync("[data-testid=shop-key-origins]", "https://shop.example");
        await page.ClickAsync("[data-testid=shop-key-create]");
        var secret = (await page.Locator("[data-testid=shop-key-secret]").InnerTextAsync()).Trim();
        Assert.StartsWith("csk_", secret);
        var row = page.Locator("[data-testid=shop-keys-table] tbody tr").Filter(new() { HasText = "Example web shop" });
        await Assertions.Expect(row).ToContainTextAsync("https://shop.example");
        await Assertions.Expect(row).ToContainTextAsync(secret[..12] + "…");
        await Assertions.Expect(row).Not.ToContainTextAsync(secret);
        await browser.ScreenshotAsync(page, "shop-keys-created-en");

        Assert.Equal(HttpStatusCode.OK, await CallAsync(secret));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=shop-keys-table]");
        await Assertions.Expect(page.Locator("[data-testid=shop-key-secret]")).ToHaveCountAsync(0); // shown once
        await Assertions.Expect(row).Not.ToContainTextAsync("never");

        await row.Locator("button", new() { HasText = "Revoke" }).ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(secret));
    }

    [Theory]
    [InlineData("en-GB", 1366)]
    [InlineData("de-DE", 1024)]
    [InlineData("de-DE", 390)]
    public async Task ThePage_ReadsWellInBothLanguagesAndWidths(string locale, int width)
    {
        var page = await browser.NewPageAsync(locale, width);
        await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-testid=admin-home]");
        await BrowserFixture.OpenAsync(page, "/admin/shop-keys", "[data-testid=shop-key-create]");
        await Assertions.Expect(page.Locator("h4")).ToContainTextAsync(locale == "de-DE" ? "Shop-API-Schlüssel" : "Shop API keys");
        await browser.ScreenshotAsync(page, $"shop-keys-{locale}-{width}");
    }
}
