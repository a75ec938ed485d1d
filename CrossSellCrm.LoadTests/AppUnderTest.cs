using System.Diagnostics;

namespace CrossSellCrm.LoadTests;

/// <summary>
/// The app being measured: started here from a published build (so it runs in Release with its static assets, as in
/// production), or one already running at --url. Started here, it is stopped at the end.
/// </summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly List<string> _log = [];

    private readonly string? _logFile;

    private AppUnderTest(string baseUrl, Process? process, int? pid, string? logFile = null)
    {
        _logFile = logFile;
        BaseUrl = baseUrl;
        _process = process;
        ProcessId = process?.Id ?? pid;
    }

    public string BaseUrl { get; }
    public int? ProcessId { get; }

    /// <summary>The app's console lines so far (only for an app started here).</summary>
    public IReadOnlyList<string> Log { get { lock (_log) return [.. _log]; } }

    public static async Task<AppUnderTest> StartAsync(HarnessOptions options)
    {
        if (options.Url is { } url)
        {
            var running = new AppUnderTest(url, null, options.Pid);
            await running.WaitHealthyAsync(TimeSpan.FromSeconds(30));
            if (options.Settle) await running.WaitIdleAsync(); // its log is not ours to read: a quiet process is the sign
            return running;
        }
        if (options.RestoreFrom is { } pristine)
        {
            foreach (var side in new[] { "-wal", "-shm" }) File.Delete(options.Database + side);
            File.Copy(pristine, options.Database, overwrite: true);
        }
        var dll = Path.GetFullPath(options.AppDll!);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var address = $"http://127.0.0.1:{options.Port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address;
        start.Environment["ConnectionStrings__Crm"] = $"Data Source={Path.GetFullPath(options.Database)}";
        start.Environment["Demo__SeedUsers"] = "true"; // the six demo reps sign in; on purpose outside Development
        start.Environment["Hosting__HttpsRedirection"] = "false"; // plain http on loopback
        start.Environment["SignIn__PostsPerAddress"] = "100000"; // every browser context signs in from 127.0.0.1
        // The start recomputes the segments, which asks for the rules to be mined again once changes settle (5 minutes):
        // at once here, so that the second mining falls into the settling and not into a measurement.
        start.Environment["Recommendations__Mining__AfterDataChange"] = "00:00:01";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new AppUnderTest(address, process, null, options.AppLog);
        process.OutputDataReceived += (_, e) => app.Add(e.Data);
        process.ErrorDataReceived += (_, e) => app.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        await app.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        Console.WriteLine($"app healthy after {clock.Elapsed.TotalSeconds:F1} s");
        if (options.Settle)
        {
            await app.WaitForLogAsync(["Offer engine ready", "KPI cube ready"], TimeSpan.FromMinutes(5));
            await app.WaitForEngineAfterSegmentsAsync(TimeSpan.FromMinutes(5));
            Console.WriteLine($"background work done after {clock.Elapsed.TotalSeconds:F1} s: {string.Join("; ", app.Log.Where(l => l.Contains("Mined ") || l.Contains("ready") || l.Contains("Recomputed") || l.Contains("warmed")).Select(Trim))}");
            await app.WaitIdleAsync();
            Console.WriteLine($"app settled after {clock.Elapsed.TotalSeconds:F1} s");
        }
        return app;
    }

    private static string Trim(string line) => line.Length > 140 ? line[..140] : line;

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"the app exited with {_process.ExitCode}:\n{string.Join('\n', Log.TakeLast(20))}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"{BaseUrl}/health did not answer within {limit}");
            await Task.Delay(250);
        }
    }

    private async Task WaitForLogAsync(string[] markers, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!markers.All(m => Log.Any(l => l.Contains(m))))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"the app did not log {string.Join(", ", markers)} within {limit}");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// The start recomputes behaviour and segments when they are older than six hours (the seeded file always is), and
    /// that mines again: up to a minute for "Recomputed", then until an engine built after it is ready.
    /// </summary>
    private async Task WaitForEngineAfterSegmentsAsync(TimeSpan limit)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < limit)
        {
            var log = Log.ToList();
            var recomputed = log.FindLastIndex(l => l.Contains("Recomputed "));
            if (recomputed < 0 && DateTime.UtcNow - started > TimeSpan.FromMinutes(1)) return; // nothing was stale
            if (recomputed >= 0 && log.Skip(recomputed).Any(l => l.Contains("Offer engine ready"))) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"no offer engine after the segments were recomputed within {limit}");
    }

    /// <summary>Until the server uses less than 10 % of one core for 3 s in a row (the workers' follow-up work included).</summary>
    public async Task WaitIdleAsync()
    {
        if (ProcessId is not { } pid) { await Task.Delay(10_000); return; }
        var quiet = 0;
        for (var i = 0; i < 120 && quiet < 3; i++)
        {
            var before = Machine.ProcessCpuSeconds(pid);
            await Task.Delay(1000);
            quiet = Machine.ProcessCpuSeconds(pid) - before < 0.1 ? quiet + 1 : 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        var problems = Log.Where(l => l.Contains(" warn: ") || l.Contains(" fail: ") || l.Contains(" crit: ")).ToList();
        if (problems.Count > 0) Console.WriteLine($"the app warned {problems.Count} times, the first: {string.Join("\n  ", problems.Take(5).Select(Trim))}");
        // The whole console, for the stack trace behind a "fail:" line (the summary above cuts lines short).
        if (_logFile is not null)
        {
            await File.WriteAllLinesAsync(_logFile, Log);
            Console.WriteLine($"the app's log: {_logFile}");
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
