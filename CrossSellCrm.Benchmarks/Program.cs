using BenchmarkDotNet.Running;

// dotnet run -c Release --project CrossSellCrm.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
