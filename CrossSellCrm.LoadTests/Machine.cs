using System.Globalization;

namespace CrossSellCrm.LoadTests;

/// <summary>What the machine and the server process are doing, from /proc (Linux).</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages, as the kernel reports them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public static double ProcessCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (name) "; field 3 is fields[0]
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// CPU seconds of every process this one started, directly or not, by kind (Chromium's renderers, its browser
    /// process, its GPU process, its other helpers, Playwright's driver), apart from the subtree of
    /// <paramref name="except"/> (the app, when the harness started it). Processes that exited are not counted, nor
    /// Chromium elsewhere on the machine (another test run).
    /// </summary>
    public static Dictionary<string, double> DescendantCpu(int? except)
    {
        var byKind = new Dictionary<string, double>();
        foreach (var pid in Descendants(except))
        {
            try
            {
                var kind = Kind(File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '));
                byKind[kind] = byKind.GetValueOrDefault(kind) + ProcessCpuSeconds(pid);
            }
            catch (IOException) { }
        }
        return byKind;
    }

    /// <summary>Sends SIGKILL to every process this one started whose command line <paramref name="matches"/> (not below <paramref name="except"/>); returns how many.</summary>
    public static int KillDescendants(int? except, Func<string, bool> matches)
    {
        var killed = 0;
        foreach (var pid in Descendants(except))
        {
            try
            {
                if (!matches(File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '))) continue;
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                killed++;
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { } // gone meanwhile
        }
        return killed;
    }

    /// <summary>The processes below this one, apart from <paramref name="except"/> and its subtree.</summary>
    private static List<int> Descendants(int? except)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException) { } // gone meanwhile
        }
        var self = Environment.ProcessId;
        bool Below(int pid)
        {
            for (var p = parents.GetValueOrDefault(pid); p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == except) return false;
                if (p == self) return true;
            }
            return false;
        }
        return [.. parents.Keys.Where(p => p != except && Below(p))];
    }

    /// <summary>The CPU seconds of <paramref name="after"/> minus <paramref name="before"/>: in total, and by kind, largest first.</summary>
    public static string Describe(Dictionary<string, double> before, Dictionary<string, double> after)
    {
        var delta = after.Select(k => (k.Key, Seconds: k.Value - before.GetValueOrDefault(k.Key))).Where(k => k.Seconds >= 0.005).OrderByDescending(k => k.Seconds).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{delta.Sum(k => k.Seconds):F2} s ({string.Join(", ", delta.Select(k => $"{k.Key} {k.Seconds:F2}"))})");
    }

    private static string Kind(string commandLine) =>
        commandLine.Contains("--type=renderer", StringComparison.Ordinal) ? "renderers"
        : commandLine.Contains("--type=gpu-process", StringComparison.Ordinal) ? "gpu"
        : commandLine.Contains("--type=", StringComparison.Ordinal) ? "helpers"
        : commandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase) ? "browser"
        : commandLine.Contains("node", StringComparison.Ordinal) ? "driver"
        : "other";
}
