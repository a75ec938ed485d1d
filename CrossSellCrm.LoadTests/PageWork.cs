using System.Globalization;
using Microsoft.Playwright;

namespace CrossSellCrm.LoadTests;

/// <summary>
/// What a page's renderer did, from Chromium's own counters (DevTools' Performance.getMetrics, cumulative seconds):
/// all its main-thread tasks, and of those script, style recalculation and layout.
/// </summary>
public sealed class PageWork(ICDPSession session)
{
    private static readonly string[] Metrics = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"];

    public static async Task<PageWork> StartAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Performance.enable");
        return new PageWork(session);
    }

    public async Task<Dictionary<string, double>> ReadAsync()
    {
        var result = await session.SendAsync("Performance.getMetrics");
        var values = new Dictionary<string, double>();
        if (result is { } json)
            foreach (var metric in json.GetProperty("metrics").EnumerateArray())
                if (metric.GetProperty("name").GetString() is { } name && Metrics.Contains(name))
                    values[name] = metric.GetProperty("value").GetDouble();
        return values;
    }

    /// <summary>The average, over the pages, of what each did between the two readings, in milliseconds.</summary>
    public static string Describe(Dictionary<string, double>[] before, Dictionary<string, double>[] after)
    {
        double Average(string metric) => before.Zip(after, (b, a) => a.GetValueOrDefault(metric) - b.GetValueOrDefault(metric)).Average() * 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Average("TaskDuration"):F0} ms of main-thread work (script {Average("ScriptDuration"):F0}, style {Average("RecalcStyleDuration"):F0}, layout {Average("LayoutDuration"):F0})");
    }
}
