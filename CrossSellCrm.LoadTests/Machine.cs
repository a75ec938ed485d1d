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
}
