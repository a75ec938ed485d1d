using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CrossSellCrm.LoadTests;

/// <summary>
/// The server's live managed heap, by dotnet-gcdump (a local tool of the repository: `dotnet tool restore`). Collecting
/// forces a full, blocking GC and walks the heap, so the total is what is still reachable, not garbage waiting.
/// </summary>
public sealed partial record HeapDump(long Bytes, IReadOnlyDictionary<string, (long Bytes, long Count)> Types)
{
    public const string CircuitType = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";

    public long Circuits => Types.GetValueOrDefault(CircuitType).Count;

    public static async Task<HeapDump> CollectAsync(int pid, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-load-{pid}-{name}.gcdump");
        await RunToolAsync($"collect -p {pid} -o {file}");
        var report = await RunToolAsync($"report {file}");
        long total = 0;
        var types = new Dictionary<string, (long, long)>();
        foreach (var line in report.Split('\n'))
        {
            if (TotalLine().Match(line) is { Success: true } t) total = Number(t.Groups[1].Value);
            else if (TypeLine().Match(line) is { Success: true } m)
            {
                var type = m.Groups[3].Value.Trim();
                var (bytes, count) = types.GetValueOrDefault(type);
                types[type] = (bytes + Number(m.Groups[1].Value), count + Number(m.Groups[2].Value));
            }
        }
        return new HeapDump(total, types);
    }

    /// <summary>Per type, what <paramref name="after"/> holds more than <paramref name="before"/>, largest first.</summary>
    public static IEnumerable<(string Type, long Bytes, long Count)> Growth(HeapDump before, HeapDump after) =>
        after.Types.Select(t => (t.Key, t.Value.Bytes - before.Types.GetValueOrDefault(t.Key).Bytes, t.Value.Count - before.Types.GetValueOrDefault(t.Key).Count))
            .OrderByDescending(t => t.Item2);

    private static long Number(string text) => long.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    private static async Task<string> RunToolAsync(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", $"dotnet-gcdump {arguments}")
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet-gcdump {arguments} failed ({process.ExitCode}): {await error}{await output}");
        return await output;
    }

    /// <summary>Where the tool manifest is (.config/dotnet-tools.json): the folder of CrossSellCrm.sln above the harness.</summary>
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Environment.CurrentDirectory;
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes")]
    private static partial Regex TotalLine();

    /// <summary>"   bytes   count  Type (Bytes > 10K)  [assembly]" — large objects come in size classes, summed per type here.</summary>
    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)(?:\s+\(Bytes > [^)]*\))?\s+\[[^\]]*\]\s*$")]
    private static partial Regex TypeLine();
}
