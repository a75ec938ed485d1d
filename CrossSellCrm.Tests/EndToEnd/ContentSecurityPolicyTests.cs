using System.Collections.Concurrent;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>
/// The app passes its own Content-Security-Policy in Chromium: the main pages, with their charts, grids and the
/// live circuit, report no violation. A deliberate inline script at the end shows that the watch is not blind.
/// </summary>
public class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Collects every CSP violation of the page's documents (each navigation gets the listener again).</summary>
    private static async Task<ConcurrentQueue<string>> WatchAsync(IPage page)
    {
        var violations = new ConcurrentQueue<string>();
        await page.ExposeFunctionAsync("reportCspViolation", (string v) => violations.Enqueue(v));
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              window.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${document.location.pathname} (${e.sourceFile}:${e.lineNumber})`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Enqueue("console: " + message.Text);
        };
        return violations;
    }

    [Fact]
    public async Task MainPages_ReportNoViolation()
    {
        int customer, segment;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            segment = await db.Segments.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }
        await browser.App.EngineAsync();
        var page = await browser.NewPageAsync();
        var violations = await WatchAsync(page);

        var login = await page.GotoAsync("/Account/Login");
        Assert.Contains("frame-ancestors 'none'", (await login!.AllHeadersAsync())["content-security-policy"]);
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.WaitForChartsAsync(page);

        await BrowserFixture.OpenAsync(page, "/kpis", "[data-testid=dashboard]");
        await BrowserFixture.WaitForChartsAsync(page);

        await BrowserFixture.OpenAsync(page, $"/calls/{customer}", "[data-testid=customer-name]");
        await page.WaitForSelectorAsync("[data-testid=suggestion-panel]");
        await page.WaitForSelectorAsync("[data-testid=customer-history]");

        await BrowserFixture.OpenAsync(page, $"/segments/{segment}", "[data-testid=segment-title]");
        await page.WaitForSelectorAsync("[data-testid=segment-members-grid]");
        await BrowserFixture.WaitForChartsAsync(page);

        await page.GotoAsync("/culture/de?returnUrl=%2Fkpis");
        await page.WaitForSelectorAsync("[data-testid=dashboard]");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await BrowserFixture.WaitForChartsAsync(page);

        Assert.True(violations.IsEmpty, "CSP violations:\n" + string.Join("\n", violations));

        // The watch works: an inline script without the nonce is blocked and reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        await page.WaitForTimeoutAsync(300);
        Assert.Contains(violations, v => v.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));
    }
}
