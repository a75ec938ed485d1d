using BenchmarkDotNet.Running;
using CrossSellCrm.Benchmarks;

// dotnet run -c Release --project CrossSellCrm.Benchmarks -- --filter '*'
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- training-memory CUSTOMERS PRODUCTS
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- import-speed LINES
if (args is ["training-memory", var customers, var products])
    TrainingMemory.Run(int.Parse(customers), int.Parse(products));
else if (args is ["import-speed", var lines])
    await ImportSpeed.RunAsync(int.Parse(lines));
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
