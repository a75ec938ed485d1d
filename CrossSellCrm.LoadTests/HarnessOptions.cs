using System.Globalization;

namespace CrossSellCrm.LoadTests;

/// <summary>The command line of the harness; every option has a default that measures the case.</summary>
public sealed record HarnessOptions
{
    public const string Usage = """
        usage: CrossSellCrm.LoadTests rush|memory [options]
          --app DLL            published CrossSellCrm.Web.dll to start (Production, demo users, sign-in limit raised)
          --url URL            an app already running instead (memory then needs --pid)
          --pid N              the process id of that app (for the heap dumps)
          --db FILE            the database: the started app uses it, the harness picks each rep's customers from it
                               (default /tmp/load-100k.db)
          --port N             port of the started app (default 5201)
          --restore FILE       copy FILE over --db first and delete --db's -wal and -shm (a WAL left by the last run,
                               applied to a fresh copy, corrupts it); the start writes behaviour and segments
          --app-log FILE       where the started app's whole console goes at the end (default /tmp/crm-load-app.log)
          --no-settle          measure right after the start instead of waiting for the background workers
          --browsers N         Chromium processes (default 1 for rush, 4 for memory)
          --chromium PATH      the browser (default /usr/bin/chromium-headless-shell if installed — apt-get install
                               chromium-headless-shell, what Playwright runs for headless Chromium — else
                               PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium)
          --animations         let the pages animate (by default CSS animations and transitions are off: twenty
                               headless pages painting progress bars take the cores the server shares with them)
        rush:
          --reps N             browser contexts, signed in as the six demo reps in turn (default 20)
          --rounds N           rounds; each opens new customers (default 5)
          --action navigate|load   navigate: inside the running cockpit (a click on a customer); load: a full page load of /calls/{id}
          --details            also each page's main-thread work (DevTools' counters), the bytes each circuit sent and its
                               reconnects (watching every WebSocket frame costs the browsers CPU the server then lacks)
        memory:
          --circuits N         cockpits to open (default 100)
          --close-wait SECONDS how long to wait for the closed circuits to go (default 300)
          --page customer|start  customer: /calls/{id} with offers (default); start: /calls without a customer (what the frame costs)
          --hold SECONDS       keep the settled cockpits open that long before closing them (to look with other tools)
          --cycles N           open, settle and close N times (default 2; with --close tab): what stays after a close must not grow
          --close tab|drop     tab: close the tabs (Blazor tells the server); drop: end the browser processes, as a crash or a lost network
                               does, so the server keeps the circuits for DisconnectedCircuitRetentionPeriod
        """;

    public string Scenario { get; init; } = "rush";
    public string? AppDll { get; init; }
    public string? Url { get; init; }
    public int? Pid { get; init; }
    public string Database { get; init; } = "/tmp/load-100k.db";
    public int Port { get; init; } = 5201;
    public bool Settle { get; init; } = true;
    public int Browsers { get; init; } = 1;
    public int Reps { get; init; } = 20;
    public int Rounds { get; init; } = 5;
    public string Action { get; init; } = "navigate";
    public int Circuits { get; init; } = 100;
    public int CloseWaitSeconds { get; init; } = 300;
    public string Page { get; init; } = "customer";
    public string Close { get; init; } = "tab";
    public int HoldSeconds { get; init; }
    public int Seed { get; init; } = 42;
    public bool Animations { get; init; }
    public bool Details { get; init; }
    public string? Chromium { get; init; }
    public int Cycles { get; init; } = 2;
    public string? RestoreFrom { get; init; }
    public string AppLog { get; init; } = Path.Combine(Path.GetTempPath(), "crm-load-app.log");

    public static HarnessOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("rush" or "memory")) return null;
        var o = new HarnessOptions { Scenario = args[0], Browsers = args[0] == "memory" ? 4 : 1 };
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--app" => o with { AppDll = Next() },
                "--url" => o with { Url = Next().TrimEnd('/') },
                "--pid" => o with { Pid = Int() },
                "--db" => o with { Database = Next() },
                "--port" => o with { Port = Int() },
                "--no-settle" => o with { Settle = false },
                "--browsers" => o with { Browsers = Int() },
                "--reps" => o with { Reps = Int() },
                "--rounds" => o with { Rounds = Int() },
                "--action" => o with { Action = Next() is var a and ("navigate" or "load") ? a : throw new ArgumentException("--action is navigate or load") },
                "--circuits" => o with { Circuits = Int() },
                "--close-wait" => o with { CloseWaitSeconds = Int() },
                "--page" => o with { Page = Next() is var p and ("customer" or "start") ? p : throw new ArgumentException("--page is customer or start") },
                "--close" => o with { Close = Next() is var c and ("tab" or "drop") ? c : throw new ArgumentException("--close is tab or drop") },
                "--hold" => o with { HoldSeconds = Int() },
                "--seed" => o with { Seed = Int() },
                "--animations" => o with { Animations = true },
                "--details" => o with { Details = true },
                "--chromium" => o with { Chromium = Next() },
                "--cycles" => o with { Cycles = Int() },
                "--app-log" => o with { AppLog = Next() },
                "--restore" => o with { RestoreFrom = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.AppDll is null && o.Url is null) throw new ArgumentException("give --app DLL (start the app) or --url URL (an app already running)");
        if (o.RestoreFrom is { } pristine && !File.Exists(pristine)) throw new ArgumentException($"--restore: no file {pristine}");
        if (o.RestoreFrom is not null && o.AppDll is null) throw new ArgumentException("--restore needs --app: a running app holds --db open");
        if (!File.Exists(o.Database) && o.RestoreFrom is null) throw new ArgumentException($"--db: no file {o.Database}");
        return o;
    }
}
