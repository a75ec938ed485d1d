using Microsoft.Playwright;

namespace CrossSellCrm.LoadTests;

/// <summary>
/// Headless Chromium processes (<see cref="Executable"/>), with the launch arguments of the browser
/// tests. Contexts are handed out round-robin over the processes; each one is a rep signed in through the login form.
/// </summary>
public sealed class BrowserPool : IAsyncDisposable
{
    public const string Password = "CrossSell-Demo1"; // the demo users' public password (README)

    /// <summary>
    /// Installed in every page before its own scripts: notes (performance.now()) when the first offer card or the
    /// panel's stop message becomes visible, and resolves <c>__crmLoad.wait</c> then (the harness awaits that promise
    /// instead of polling the page). A full page load counts from the navigation's start, a navigation inside the
    /// cockpit from <c>__crmLoad.start</c>, which the harness sets (with <c>__crmLoad.reset()</c>) when it clicks.
    /// </summary>
    private const string OfferWatch = """
        (() => {
          const load = window.__crmLoad = { start: 0, seen: null, what: null };
          load.reset = () => {
            load.seen = null; load.what = null;
            load.wait = new Promise(resolve => load.resolve = resolve);
          };
          const check = () => {
            if (load.seen !== null) return;
            const el = document.querySelector('[data-testid=offer-card], [data-testid=panel-stop]');
            if (el && el.checkVisibility()) {
              load.seen = performance.now();
              load.what = el.dataset.testid === 'panel-stop' ? 'stop:' + el.dataset.stop : 'offer';
              load.resolve();
            }
          };
          load.reset();
          new MutationObserver(check).observe(document, { childList: true, subtree: true });
          load.check = check;
        })();
        """;

    /// <summary>
    /// The measured pages draw no animations: twenty pages painting MudBlazor's progress bars at 60 frames a second
    /// would take the server's two cores, which a rep's own machine never does. Nothing the page waits for is an animation.
    /// </summary>
    private const string NoAnimations = """
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent = '*, *::before, *::after { animation: none !important; transition: none !important; }';
          document.head.appendChild(style);
        });
        """;

    private readonly IPlaywright _playwright;
    private readonly List<IBrowser> _browsers;
    private int _next;

    private BrowserPool(IPlaywright playwright, List<IBrowser> browsers) => (_playwright, _browsers) = (playwright, browsers);

    /// <summary>
    /// The browser: <paramref name="chosen"/> (--chromium), else Debian's chromium-headless-shell when installed — the
    /// old headless shell that Playwright itself runs for headless Chromium, without the full browser's window compositor:
    /// half the CPU per page, which twenty pages otherwise take from the server they share two cores with — else
    /// PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's chromium.
    /// </summary>
    public static string Executable(string? chosen) =>
        chosen ?? (File.Exists("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : null)
        ?? Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium";

    public static async Task<BrowserPool> LaunchAsync(int count, string executable)
    {
        var playwright = await Playwright.CreateAsync();
        var browsers = new List<IBrowser>();
        for (var i = 0; i < Math.Max(1, count); i++)
            browsers.Add(await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
            }));
        return new BrowserPool(playwright, browsers);
    }

    /// <summary>A browser context signed in as <paramref name="rep"/>, with one page on the cockpit's start (/calls), interactive.</summary>
    /// <param name="watch">Called with the page before it loads anything (to listen to its traffic).</param>
    /// <param name="animations">Let the pages animate (<see cref="NoAnimations"/>).</param>
    public async Task<(IBrowserContext Context, IPage Page)> SignInAsync(string baseUrl, string rep, Action<IPage>? watch = null, bool animations = false)
    {
        var browser = _browsers[Interlocked.Increment(ref _next) % _browsers.Count];
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "en-GB",
        });
        context.SetDefaultTimeout(120_000);
        await context.AddInitScriptAsync(OfferWatch);
        if (!animations) await context.AddInitScriptAsync(NoAnimations);
        var page = await context.NewPageAsync();
        watch?.Invoke(page);
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fcalls");
        await page.FillAsync("[data-testid=login-email]", $"{rep}@crm.example");
        await page.FillAsync("[data-testid=login-password]", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=call-cockpit]");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        return (context, page);
    }

    /// <summary>
    /// Crashes the browser processes: every Chromium process this harness started gets SIGKILL, so no unload handler
    /// runs and the sockets just break, as in a crash or a lost network. (DevTools' Browser.crash does nothing in the
    /// headless shell, and its call never returns.)
    /// </summary>
    public async Task DropAsync(int? except)
    {
        _dropped = true;
        var killed = Machine.KillDescendants(except, commandLine => commandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"dropped the browsers: {killed} Chromium processes killed");
        await Task.Delay(1000);
    }

    private bool _dropped;

    public async ValueTask DisposeAsync()
    {
        if (!_dropped)
            foreach (var browser in _browsers) await browser.DisposeAsync();
        _playwright.Dispose();
    }
}
