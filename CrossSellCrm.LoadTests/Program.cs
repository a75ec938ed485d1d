using CrossSellCrm.LoadTests;

// A measurement of the call cockpit under real circuits (README, "Load harness"):
//   rush    N reps open a customer of their own at one moment; time to the first offer card, per rep
//   memory  the server's managed heap with 0 and with N settled cockpits, and after they closed
HarnessOptions? options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    options = null;
}
if (options is null)
{
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

await using var app = await AppUnderTest.StartAsync(options);
Console.WriteLine($"app: {app.BaseUrl}{(app.ProcessId is { } pid ? $" (pid {pid})" : "")}, database {options.Database} ({new FileInfo(options.Database).Length / 1_048_576.0:N0} MB), load average {Machine.LoadAverage()}");
var chromium = BrowserPool.Executable(options.Chromium);
Console.WriteLine($"browsers: {options.Browsers} × {chromium}");
await using var browsers = await BrowserPool.LaunchAsync(options.Browsers, chromium);
var customers = new OwnCustomers(options.Database, options.Seed);

return options.Scenario switch
{
    "rush" => await CockpitRush.RunAsync(options, app, browsers, customers),
    "memory" => await CircuitMemory.RunAsync(options, app, browsers, customers),
    _ => 2,
};
