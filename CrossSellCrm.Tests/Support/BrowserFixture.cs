using Microsoft.Playwright;

namespace CrossSellCrm.Tests.Support;

/// <summary>
/// The app on a loopback port and one headless Chromium (Debian's, or PLAYWRIGHT_CHROMIUM_EXECUTABLE):
/// Playwright's own browser download cannot work here. Screenshots go to ./screenshots at the repository root.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public RealServerFactory App { get; } = new();
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(string? locale = null, int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = locale ?? "en-GB",
            IsMobile = width < 600, HasTouch = width < 600,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form and waits until the interactive circuit has rendered <paramref name="readySelector"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, string readySelector)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", CrmAppFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync(readySelector);
        await page.WaitForSelectorAsync("[data-interactive=true]"); // prerendered HTML is there before the circuit
    }

    /// <summary>
    /// Opens a page directly and waits for <paramref name="readySelector"/> and the interactive circuit (a nav-link
    /// click can leave Playwright waiting for a load that Blazor's enhanced navigation never fires).
    /// </summary>
    public static async Task OpenAsync(IPage page, string path, string readySelector)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync(readySelector);
        await page.WaitForSelectorAsync("[data-interactive=true]");
    }

    /// <summary>Waits until every chart on the page is drawn and its 300 ms animation has finished.</summary>
    public static async Task WaitForChartsAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => { const cs = [...document.querySelectorAll('canvas[data-testid=kpi-chart]')]; return cs.length > 0 && window.Chart && cs.every(c => window.Chart.getChart(c) !== undefined); }");
        await page.WaitForTimeoutAsync(600);
    }

    public async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }

    private static string FindScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
