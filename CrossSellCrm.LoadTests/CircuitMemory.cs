using System.Diagnostics;
using Microsoft.Playwright;

namespace CrossSellCrm.LoadTests;

/// <summary>
/// What an open cockpit costs the server: the live heap with no circuit, with N settled cockpits (each a page on a
/// customer of the rep's own, offers shown), and after those pages closed — until the circuits are gone.
/// </summary>
public static class CircuitMemory
{
    public static async Task<int> RunAsync(HarnessOptions options, AppUnderTest app, BrowserPool browsers, OwnCustomers customers)
    {
        if (app.ProcessId is not { } pid)
        {
            Console.Error.WriteLine("memory: the heap is read from the server process; start it here (--app) or give --pid");
            return 2;
        }
        // One context per rep and browser process; the page the sign-in leaves open is closed again.
        var contexts = new List<(string Rep, IBrowserContext Context)>();
        for (var b = 0; b < options.Browsers; b++)
            foreach (var rep in OwnCustomers.Reps)
            {
                var (context, page) = await browsers.SignInAsync(app.BaseUrl, rep, animations: options.Animations);
                await page.CloseAsync();
                contexts.Add((rep, context));
            }

        // Warm-up: the first cockpits fill caches every later one shares (compiled queries, MudBlazor's statics, churn rates).
        var warm = await OpenAsync(contexts.Take(OwnCustomers.Reps.Length).ToList(), OwnCustomers.Reps.Length, customers, options.Page);
        await CloseAsync(warm);
        // A tab closed while its circuit was still starting may not have said goodbye: such a circuit waits out the retention period.
        var empty = await WaitForCircuitsAsync(pid, "before", 0, TimeSpan.FromSeconds(30));
        Console.WriteLine($"no cockpit open:      heap {Mb(empty.Bytes)}, circuits {empty.Circuits}");

        // Several cycles (--cycles, tabs only: dropped browsers are gone) show whether what stays after a close grows.
        var cycles = options.Close == "drop" ? 1 : options.Cycles;
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            if (cycles > 1) Console.WriteLine($"cycle {cycle} of {cycles}:");
            var clock = Stopwatch.StartNew();
            var pages = await OpenAsync(contexts, options.Circuits, customers, options.Page);
            Console.WriteLine($"{pages.Count} cockpits open ({(options.Page == "customer" ? "a customer with offers" : "no customer")}) in {clock.Elapsed.TotalSeconds:F0} s; load average {Machine.LoadAverage()}");
            await app.WaitIdleAsync();
            await Task.Delay(5_000);
            var open = await HeapDump.CollectAsync(pid, "open");
            var perCircuit = (open.Bytes - empty.Bytes) / (double)(open.Circuits - empty.Circuits);
            Console.WriteLine($"{pages.Count} cockpits settled:  heap {Mb(open.Bytes)}, circuits {open.Circuits} → {perCircuit / 1024:F0} KB per circuit");
            if (cycle == 1)
            {
                // gcdump samples a large heap: its object counts are good, its bytes per type are not (dotnet-dump's dumpheap -stat is exact).
                Console.WriteLine("objects per circuit, most numerous first (gcdump's counts):");
                foreach (var (type, _, count) in HeapDump.Growth(empty, open).OrderByDescending(t => t.Count).Take(20))
                    Console.WriteLine($"  {count / (double)pages.Count,8:F1}  {type}");
            }
            if (options.HoldSeconds > 0)
            {
                Console.WriteLine($"holding the cockpits open for {options.HoldSeconds} s (pid {pid})");
                await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
            }
            clock.Restart();
            if (options.Close == "drop") await browsers.DropAsync(app.ProcessId);
            else await CloseAsync(pages);
            var closed = await WaitForCircuitsAsync(pid, "closed", 0, TimeSpan.FromSeconds(options.CloseWaitSeconds));
            Console.WriteLine($"pages closed:         heap {Mb(closed.Bytes)}, circuits {closed.Circuits} after {clock.Elapsed.TotalSeconds:F0} s " +
                              $"({(closed.Bytes - empty.Bytes) / 1024.0:+0;-0} KB against no cockpit open)");
        }
        // Pooled buffers and caches settle a little later: once more, a minute on.
        await Task.Delay(TimeSpan.FromSeconds(60));
        var later = await HeapDump.CollectAsync(pid, "later");
        Console.WriteLine($"a minute later:       heap {Mb(later.Bytes)}, circuits {later.Circuits} ({(later.Bytes - empty.Bytes) / 1024.0:+0;-0} KB against no cockpit open)");
        if (options.Close == "tab")
            foreach (var (_, context) in contexts) await context.CloseAsync();
        return 0;
    }

    private static string Mb(long bytes) => $"{bytes / 1_048_576.0:F1} MB";

    /// <summary>Opens <paramref name="count"/> cockpits, ten at a time, over the contexts in turn; each until its offers show and its circuit is up.</summary>
    private static async Task<List<IPage>> OpenAsync(List<(string Rep, IBrowserContext Context)> contexts, int count, OwnCustomers customers, string what)
    {
        var pages = new List<IPage>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(10))
            pages.AddRange(await Task.WhenAll(batch.Select(async i =>
            {
                var (rep, context) = contexts[i % contexts.Count];
                var page = await context.NewPageAsync();
                await page.GotoAsync(what == "customer" ? $"/calls/{customers.Next(rep)}" : "/calls");
                await page.WaitForSelectorAsync(what == "customer" ? "[data-testid=offer-card], [data-testid=panel-stop]" : "[data-testid=call-cockpit]");
                await page.WaitForSelectorAsync("[data-interactive=true]");
                return page;
            })));
        return pages;
    }

    /// <summary>Closes the tabs as a rep would (the page's unload handlers run, so Blazor can tell the server).</summary>
    private static async Task CloseAsync(List<IPage> pages)
    {
        foreach (var batch in pages.Chunk(10))
            await Task.WhenAll(batch.Select(p => p.CloseAsync(new PageCloseOptions { RunBeforeUnload = true })));
    }

    /// <summary>Dumps the heap every 10 s until at most <paramref name="circuits"/> circuits live, or the time is up.</summary>
    private static async Task<HeapDump> WaitForCircuitsAsync(int pid, string name, int circuits, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            var dump = await HeapDump.CollectAsync(pid, name);
            if (dump.Circuits <= circuits || DateTime.UtcNow > until) return dump;
            Console.WriteLine($"  … {dump.Circuits} circuits still alive, heap {Mb(dump.Bytes)}");
            await Task.Delay(10_000);
        }
    }
}
