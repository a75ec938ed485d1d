using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrossSellCrm.Tests.Support;

/// <summary>
/// The built web app (CrossSellCrm.Web.dll, copied beside the tests) started as a real process, for what only a real
/// start shows: the exit code, what it writes to the console, the address it listens on. Killed when disposed.
/// </summary>
public sealed class WebAppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public WebAppProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebProjectFolder(), // the content root, as with `dotnet run`: appsettings.json and wwwroot
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrossSellCrm.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Nothing of the test runner's own hosting settings leaks into the app.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_URLS", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["Demo__SeedOnFirstRun"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private static string WebProjectFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("CrossSellCrm.sln not found above the tests."), "CrossSellCrm.Web");
    }

    /// <summary>What the app wrote so far, stdout and stderr together, one entry per line.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The exit code, or null if the app is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> ExitCodeAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        _process.WaitForExit(); // the last output lines
        return _process.ExitCode;
    }

    /// <summary>The first line that contains <paramref name="text"/>, waiting for it; null when the app exits or the time is up first.</summary>
    public async Task<string?> LineAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return line;
            if (_process.HasExited) return _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            await Task.Delay(50);
        }
        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
