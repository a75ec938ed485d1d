using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CrossSellCrm.LoadTests;

/// <summary>
/// The busy morning: N reps, each with the cockpit open, open a customer of their own at the same moment. Per rep, the
/// time from the action to the first offer card (or the panel's stop message) being visible, measured inside the page.
/// </summary>
public static class CockpitRush
{
    public static async Task<int> RunAsync(HarnessOptions options, AppUnderTest app, BrowserPool browsers, OwnCustomers customers)
    {
        var reps = new List<(string Rep, IBrowserContext Context, IPage Page, PageWork? Work)>();
        foreach (var batch in Enumerable.Range(0, options.Reps).Chunk(5))
            reps.AddRange(await Task.WhenAll(batch.Select(async i =>
            {
                var rep = OwnCustomers.Reps[i % OwnCustomers.Reps.Length];
                var (context, page) = await browsers.SignInAsync(app.BaseUrl, rep, page => Watch(page, frames: options.Details), options.Animations);
                return (rep, context, page, options.Details ? await PageWork.StartAsync(page) : null);
            })));
        Console.WriteLine($"{reps.Count} reps signed in ({string.Join(", ", reps.GroupBy(r => r.Rep).Select(g => $"{g.Key} ×{g.Count()}"))}), action: {options.Action}");

        var all = new List<double>();
        var warm = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            await app.WaitIdleAsync();
            var load = Machine.LoadAverage();
            var targets = reps.Select(r => customers.Next(r.Rep)).ToArray();
            var cpuBefore = app.ProcessId is { } pid ? Machine.ProcessCpuSeconds(pid) : 0;
            var browserCpuBefore = Machine.DescendantCpu(app.ProcessId);
            // A full load starts a new document, whose counters start at zero: what the old one did is not this open's.
            var workBefore = !options.Details ? [] : options.Action == "load"
                ? reps.Select(_ => new Dictionary<string, double>()).ToArray()
                : await Task.WhenAll(reps.Select(r => r.Work!.ReadAsync()));
            var received = reps.Select(r => Received(r.Page)).ToArray();
            var sockets = reps.Sum(r => Sockets(r.Page));
            var results = await Task.WhenAll(reps.Select((r, i) => OpenAsync(r.Page, targets[i], options.Action)));
            var ms = results.Select(x => x.Ms).ToList();
            var spread = results.Max(x => x.StartedAt) - results.Min(x => x.StartedAt);
            var outcomes = string.Join(", ", results.GroupBy(x => x.What).Select(g => $"{g.Key} ×{g.Count()}"));
            var cpu = (app.ProcessId is { } p ? $"server CPU {Machine.ProcessCpuSeconds(p) - cpuBefore:F2} s; " : "") +
                      $"browsers' CPU {Machine.Describe(browserCpuBefore, Machine.DescendantCpu(app.ProcessId))}; ";
            var work = options.Details ? PageWork.Describe(workBefore, await Task.WhenAll(reps.Select(r => r.Work!.ReadAsync()))) : "";
            var kb = reps.Select((r, i) => Received(r.Page) - received[i]).Average() / 1024;
            var reconnects = reps.Sum(r => Sockets(r.Page)) - sockets;
            Console.WriteLine($"round {round}: {Stats.Describe(ms)}   (starts within {spread} ms; {outcomes}; load average before {load})");
            Console.WriteLine(options.Details
                ? $"         {cpu}per page {work}; {kb:F0} KB from the server per rep; {reconnects} new sockets (reconnects)"
                : $"         {cpu}{reconnects} new sockets (reconnects)");
            all.AddRange(ms);
            if (round > 1) warm.AddRange(ms);
            await Task.WhenAll(reps.Select(r => BackToStartAsync(r.Page)));
        }
        Console.WriteLine($"all rounds:     {Stats.Describe(all)}");
        if (options.Rounds > 1) Console.WriteLine($"rounds 2–{options.Rounds}:     {Stats.Describe(warm)}");
        Console.WriteLine($"load average after: {Machine.LoadAverage()}");
        foreach (var r in reps) await r.Context.CloseAsync();
        return 0;
    }

    private sealed class Traffic
    {
        public long Bytes;
        public int Sockets;
    }

    private static readonly ConditionalWeakTable<IPage, Traffic> Traffics = new();

    /// <summary>Bytes the page received over its WebSockets (the circuit's render batches) so far.</summary>
    private static long Received(IPage page) => Interlocked.Read(ref Traffics.GetOrCreateValue(page).Bytes);

    /// <summary>WebSockets the page opened so far: one per circuit, and one more for each reconnect.</summary>
    private static int Sockets(IPage page) => Volatile.Read(ref Traffics.GetOrCreateValue(page).Sockets);

    /// <summary>Counts the page's sockets from now on, and with <paramref name="frames"/> the bytes its circuit sends it.</summary>
    private static void Watch(IPage page, bool frames)
    {
        var traffic = Traffics.GetOrCreateValue(page);
        page.WebSocket += (_, socket) =>
        {
            Interlocked.Increment(ref traffic.Sockets);
            if (frames)
                socket.FrameReceived += (_, frame) =>
                    Interlocked.Add(ref traffic.Bytes, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        };
    }

    /// <summary>Opens the customer and returns the milliseconds the page measured, when it started (epoch ms), and what showed.</summary>
    private static async Task<(double Ms, long StartedAt, string What)> OpenAsync(IPage page, int customerId, string action)
    {
        long startedAt;
        if (action == "navigate")
            // What a click on a customer in the cockpit does: the router navigates inside the circuit.
            startedAt = await page.EvaluateAsync<long>("""
                id => { const l = window.__crmLoad; l.reset(); l.start = performance.now(); Blazor.navigateTo('/calls/' + id); return Date.now(); }
                """, customerId);
        else
        {
            startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await page.GotoAsync($"/calls/{customerId}", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await page.WaitForFunctionAsync("() => !!window.__crmLoad"); // the new document's watch
        }
        // The page's own observer resolves the promise: no polling that would take the cores the server needs.
        await page.EvaluateAsync("""
            () => Promise.race([window.__crmLoad.wait, new Promise((_, fail) => setTimeout(() => fail(new Error('no offer card within 120 s')), 120000))])
            """);
        var ms = await page.EvaluateAsync<double>("() => window.__crmLoad.seen - window.__crmLoad.start");
        var what = await page.EvaluateAsync<string>("() => window.__crmLoad.what");
        if (action == "load") await page.WaitForSelectorAsync("[data-interactive=true]"); // the circuit too, before the next round
        return (ms, startedAt, what);
    }

    /// <summary>Back to the cockpit without a customer, as after a call.</summary>
    private static async Task BackToStartAsync(IPage page)
    {
        await page.EvaluateAsync("() => Blazor.navigateTo('/calls')");
        await page.WaitForFunctionAsync("() => !document.querySelector('[data-testid=customer-360]') && !!document.querySelector('[data-testid=call-cockpit]')");
    }
}
